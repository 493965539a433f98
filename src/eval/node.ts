// The eval module's surface for its Node command line (`npm run eval`): files, reports, exit codes.
export { runEvalCli } from './cli-main.js';
// The action-level harness (`npm run nlu:actions`): one real turn per labelled message, judged by goal.
export { ACTION_INTENTS, loadActionSet, parseActionSet, type ActionIntent, type ActionItem } from './actions/set.js';
export { ACCEPTANCE, type ShopperState } from './actions/acceptance.js';
export { judgeTurn, type TurnObservation, type Verdict } from './actions/judge.js';
export { runActionSet, SHOPPER_STATES, VERIFIED_SHOPPER, type ActionTurn } from './actions/run.js';
export { renderActionReport, scoreActions, type ActionScore } from './actions/report.js';
// Multi-turn conversations (`npm run nlu:actions -- --conversations <file>`): every turn judged by goal, dialogue goals included.
export { DIALOGUE_GOALS, loadConversationSet, parseConversationSet, type Conversation } from './actions/conversations.js';
export { judgeConversationTurn, type DialogueObservation } from './actions/acceptance-dialogue.js';
export { runConversations, type ConversationRun } from './actions/run-conversations.js';
export { renderConversationReport, scoreConversations, type ConversationScore } from './actions/report-conversations.js';
