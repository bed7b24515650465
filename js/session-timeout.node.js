// What Node (server-side rendering) gets: importing is safe, starting is a
// clear error, because there is no page to watch.
const message = "SessionTimeout needs a browser window and document; create it in the browser, not during server-side rendering";

export default async function init() {}
export function initSync() {}

export class SessionTimeout {
  constructor() {
    const error = new Error(message);
    error.name = "SessionTimeoutError";
    throw error;
  }
}
