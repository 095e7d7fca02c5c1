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
  return `${JSON.stringify(help, null, 2)}\n`;
}
