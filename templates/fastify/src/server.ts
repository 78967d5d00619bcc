/**
 * `npm start`: runs against real Pinterest (production or sandbox). Every setting comes from the environment
 * or `.env`; see `.env.example`.
 */
import { loadDotEnv, startServer } from './start.js';

loadDotEnv();
await startServer(process.env);
