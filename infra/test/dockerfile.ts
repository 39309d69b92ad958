/** infra/docker/Dockerfile as stages, parsed with dockerfile-ast (the parser of VS Code's Docker support). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, From, type Instruction, JSONInstruction, type ModifiableInstruction } from 'dockerfile-ast';
import { DOCKERFILE, REPO } from './contract.js';

export interface Stage {
  name: string | null;
  /** The image or the earlier stage this one starts from. */
  from: string;
  instructions: Instruction[];
}

export function readStages(path = join(REPO, DOCKERFILE)): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions()) {
    if (instruction instanceof From) {
      stages.push({ name: instruction.getBuildStage(), from: instruction.getImage() ?? '', instructions: [] });
    } else {
      const current = stages.at(-1);
      if (!current) throw new Error(`${instruction.getKeyword()} before the first FROM`);
      current.instructions.push(instruction);
    }
  }
  return stages;
}

export function stage(stages: Stage[], name: string): Stage {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage ${name} in ${DOCKERFILE}`);
  return found;
}

/** The stage and the stages it builds on, nearest first; the last one starts from an image. */
export function lineage(stages: Stage[], name: string): Stage[] {
  const chain = [stage(stages, name)];
  for (let from = chain[0]!.from; stages.some((s) => s.name === from); from = chain.at(-1)!.from) {
    chain.push(stage(stages, from));
  }
  return chain;
}

/** The instructions with this keyword that a stage runs, its ancestors' first. */
export function instructions(stages: Stage[], name: string, keyword: string): Instruction[] {
  return lineage(stages, name)
    .reverse()
    .flatMap((s) => s.instructions.filter((instruction) => instruction.getKeyword() === keyword));
}

/** The text after the keyword, continuation lines joined. */
export function text(instruction: Instruction): string {
  return instruction
    .getArguments()
    .map((argument) => argument.getValue())
    .join(' ');
}

/** A COPY as "<stage it copies from, or 'context'> <sources…> <destination>". */
export function copy(instruction: Instruction): string {
  const from = (instruction as ModifiableInstruction).getFlags().find((flag) => flag.getName() === 'from');
  return `${from?.getValue() ?? 'context'} ${text(instruction)}`;
}

/** The strings of an exec-form (JSON) instruction such as CMD ["node", "x.js"]. */
export function execForm(instruction: Instruction): string[] {
  if (!(instruction instanceof JSONInstruction)) throw new Error(`${instruction.getKeyword()} is not an instruction`);
  return instruction.getJSONStrings().map((argument) => argument.getJSONValue());
}
