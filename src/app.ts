// The runtime-neutral app factory (DESIGN.md layout); the implementation lives in src/http.
export { createApp, type AppDeps, type AppConfig, type TailorApp } from './http/index.js';
