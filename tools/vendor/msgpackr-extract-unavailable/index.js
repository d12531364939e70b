// msgpackr requires this module inside a try/catch and falls back to its JavaScript decoder.
throw new Error('msgpackr-extract is not installed in this project (see package.json description)');
