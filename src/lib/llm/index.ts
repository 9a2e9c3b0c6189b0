/**
 * The pure part of the LLM layer. The web-llm adapter (webllm.ts) is not exported here on
 * purpose: importing it statically would pull web-llm into the initial bundle.
 */
export * from './types';
export { NullExplainer } from './null-explainer';
export { EngineExplainer } from './engine-explainer';
export { EndpointExplainer, completionsUrl } from './openai';
export { buildPrompt, estimateTokens, type BuiltPrompt } from './prompt';
export { checkClaims, type Claim, type ClaimKind, type ClaimReport } from './claims';
export { collectFacts, type FactIndex } from './facts';
export { checkGpu, type GpuCheck, type GpuLike } from './gpu';
export {
  MODEL_CHOICES,
  DEFAULT_MODEL_ID,
  describeSize,
  findModel,
  normaliseBaseUrl,
  type ModelChoice,
} from './models';
export { readFakeHook, type FakeLlmHook } from './fake-hook';
