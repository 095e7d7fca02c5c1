import type { RedactedEntity, RedactionResult } from './types.js';

/**
 * Combines a pass over an input with a later pass over that pass's output. The later entities
 * lie between the earlier placeholders, because placeholders are never matched, so each maps
 * back to the input by the length change of the placeholders before it.
 */
export function composeResults(first: RedactionResult, second: RedactionResult): RedactionResult {
  const entities: RedactedEntity[] = [];
  let index = 0;
  // Output offset minus input offset, over the placeholders of `first` passed so far.
  let shift = 0;
  let outputEnd = 0;
  for (const entity of second.entities) {
    while (index < first.entities.length) {
      const earlier = first.entities[index];
      const placeholderStart = earlier.start + shift;
      if (placeholderStart >= entity.start) break;
      entities.push(earlier);
      shift += earlier.placeholder.length - (earlier.end - earlier.start);
      outputEnd = placeholderStart + earlier.placeholder.length;
      index++;
    }
    if (entity.start < outputEnd) throw new Error('A later pass matched inside a placeholder.');
    entities.push({ ...entity, start: entity.start - shift, end: entity.end - shift });
  }
  entities.push(...first.entities.slice(index));
  return { text: second.text, entities };
}
