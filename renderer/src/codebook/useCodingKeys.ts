// Coding by keyboard: with text selected (or a highlight chosen), keys 1–9 link the first nine
// principles in tree order and Shift+1–9 the first nine actors, creating the highlight if there is none
// yet; the same key again takes the link off. The keys are listed with the other commands.
import { useEffect } from 'react';
import type { AnnotationBody } from '../../../shared/model';
import { isTextField, useCommands, type Command } from '../commands/commands';
import { useCodebook } from './codebook-context';

/** What a key press changes in a passage's links. */
export type LinkChange = (body: AnnotationBody) => Partial<AnnotationBody>;

/** `apply` is given the change when there is a passage to code (a selection or a chosen highlight); it returns false when there is none. */
export function useCodingKeys(apply: ((change: LinkChange) => boolean) | null): void {
  const { ordered, codebook } = useCodebook();
  const principles = ordered.slice(0, 9);
  const actors = codebook.actors.slice(0, 9);

  const principleChange = (id: string): LinkChange => (body) => ({
    principles: body.principles.includes(id) ? body.principles.filter((p) => p !== id) : [...body.principles, id],
  });
  const actorChange = (id: string): LinkChange => (body) => ({
    actors: body.actors.some((l) => l.actorId === id) ? body.actors.filter((l) => l.actorId !== id) : [...body.actors, { actorId: id, stance: 'mentions' }],
  });

  useEffect(() => {
    if (!apply) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (!digit) return;
      const code = event.shiftKey ? actors[Number(digit) - 1] : principles[Number(digit) - 1];
      if (!code) return;
      if (apply(event.shiftKey ? actorChange(code.id) : principleChange(code.id))) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const commands: Command[] = [
    ...principles.map((p, i) => ({ id: `link-principle-${i + 1}`, group: 'Coding (with text selected)', label: `Link or unlink the principle “${p.name}”`, keys: { key: String(i + 1) }, available: apply !== null })),
    ...actors.map((a, i) => ({ id: `link-actor-${i + 1}`, group: 'Coding (with text selected)', label: `Link or unlink the actor “${a.name}”`, keys: { key: String(i + 1), shift: true }, available: apply !== null })),
  ];
  useCommands('coding-keys', commands);
}
