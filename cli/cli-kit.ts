/**
 * Shared plumbing for CLI commands (CONTRACTS.md §3). Exit codes: 0 success, 1 invalid input
 * or a failed check, 2 wrong usage. Standard output carries only the command's own output;
 * errors go to stderr as plain sentences, never a stack trace for bad input.
 */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Bad input or a failed check: the message is shown as it is and the exit code is 1. */
export class InputError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_INVALID) {
    super(message);
    this.name = 'InputError';
  }
}

/** Wrong usage of the command line: the message is shown with a hint and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  /** One line for the help text. */
  summary: string;
  usage: string;
  /**
   * Runs with the arguments after the command name (parse them with `parseArgs`).
   * Returns the exit code. Throws InputError or UsageError for bad input or usage.
   */
  run: (argv: string[], io: CommandIo) => Promise<number>;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/**
 * Parses `--flag`, `--name value`, `--name=value` and `-o value`. `valueOptions` names the
 * options that take a value; any other option is a flag. Unknown options are a usage error.
 */
export function parseArgs(argv: string[], valueOptions: string[], flagOptions: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg : arg.slice(0, equals);
      if (valueOptions.includes(name)) {
        const value = equals === -1 ? argv[++index] : arg.slice(equals + 1);
        if (value === undefined || value === '') throw new UsageError(`The option ${name} needs a value.`);
        if (options.has(name)) throw new UsageError(`The option ${name} is given more than once.`);
        options.set(name, value);
      } else if (flagOptions.includes(name) && equals === -1) {
        options.set(name, true);
      } else {
        throw new UsageError(`Unknown option ${name}.`);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

/** Reads a whole-number option within bounds, or the fallback when absent. */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number, why?: string): number {
  const raw = optionValue(args, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`The option ${name} takes a whole number, not "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`The option ${name} must be between ${min.toLocaleString('en-GB')} and ${max.toLocaleString('en-GB')}${why ? ` (${why})` : ''}.`);
  return value;
}

export function exactlyOnePositional(args: ParsedArgs, what: string): string {
  if (args.positionals.length === 0) throw new UsageError(`Give the ${what}.`);
  if (args.positionals.length > 1) throw new UsageError(`Give only one ${what}; got ${args.positionals.length} arguments.`);
  return args.positionals[0] as string;
}

/**
 * Text that came from a file, made safe for one line of a terminal: line breaks and tabs
 * become spaces, and other control characters (escape sequences that could drive the
 * terminal, bidirectional overrides that could reorder what is shown) are printed as
 * visible `\uXXXX` escapes, so a hostile name cannot split a line or hide what it is.
 */
export function terminalText(text: string): string {
  return text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]|[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu, (char) =>
    /[\t\n\v\f\r\u0085\u2028\u2029]/u.test(char) ? ' ' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
