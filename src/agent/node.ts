// The agent module's Node-only surface: training and reporting on the offline model's language
// classifier (corpus files on disk), for the nlu:train and nlu:report commands.
export * from './offline/nlu/node.js';
export { scoreMultiRequests, type MultiCase, type MultiOutcome, type MultiScore } from './offline/multi-score.js';
