export { PARIS_CALL_CODEBOOK, PARIS_CALL_PRINCIPLES, PARIS_CALL_ACTORS } from './paris-call';
export {
  findActorMentions,
  suggestActors,
  createActorMatcher,
  isCaseSensitiveAlias,
  NON_ACTOR_PHRASES,
  type ActorMention,
  type ActorMatcher,
} from './mentions';
export { foldForMatching, foldWithOffsets, type FoldedText } from './fold';
