import type { Argument, Command, Help, Option } from 'commander';

/** A command's help as `--json` prints it. */
export interface HelpJson {
  /** The command's path from the program: `casebook`, `casebook faq list`. */
  command: string;
  usage: string;
  description: string;
  arguments: Array<{ name: string; description: string; required: boolean; variadic: boolean }>;
  options: OptionJson[];
  /** --db, --json and the others that every command takes. */
  globalOptions: OptionJson[];
  commands: Array<{ name: string; usage: string; description: string }>;
  /** Text that the plain help prints after the options, when the command has any. */
  notes?: string;
}

interface OptionJson {
  flags: string;
  description: string;
  /** The value used when the option is absent, if it has one. */
  default?: unknown;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let at: Command | null = cmd; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

function optionJson(option: Option): OptionJson {
  const json: OptionJson = { flags: option.flags, description: option.description };
  if (option.defaultValue !== undefined) json.default = option.defaultValue;
  return json;
}

function argumentJson(argument: Argument) {
  return {
    name: argument.name(),
    description: argument.description,
    required: argument.required,
    variadic: argument.variadic,
  };
}

// Text shown after a command's help, kept apart from Commander's own `addHelpText`, whose text
// would follow the JSON on stdout.
const helpNotes = new WeakMap<Command, string>();

/** Sets the text that a command's help shows after its options. */
export function setHelpNotes(cmd: Command, text: string): Command {
  helpNotes.set(cmd, text.trim());
  return cmd;
}

/** Adds each command's notes below its plain help; the JSON help carries them as `notes`. */
export function addPlainHelpNotes(cmd: Command): void {
  const notes = helpNotes.get(cmd);
  if (notes !== undefined) cmd.addHelpText('after', `\n${notes}`);
  for (const sub of cmd.commands) addPlainHelpNotes(sub);
}

/**
 * Describes a command's usage, arguments, options and subcommands as JSON, so that `--json`
 * keeps stdout machine-readable for `help` and `--help` too.
 */
export function formatHelpJson(cmd: Command, helper: Help): string {
  const help: HelpJson = {
    command: commandPath(cmd),
    usage: helper.commandUsage(cmd),
    description: helper.commandDescription(cmd),
    arguments: helper.visibleArguments(cmd).map(argumentJson),
    options: helper.visibleOptions(cmd).map(optionJson),
    globalOptions: helper.visibleGlobalOptions(cmd).map(optionJson),
    commands: helper.visibleCommands(cmd).map((sub) => ({
      name: sub.name(),
      usage: helper.subcommandTerm(sub),
      description: helper.subcommandDescription(sub),
    })),
  };
  const notes = helpNotes.get(cmd);
  if (notes !== undefined) help.notes = notes;
  return `${JSON.stringify(help, null, 2)}\n`;
}
