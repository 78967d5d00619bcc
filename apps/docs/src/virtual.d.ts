declare module 'virtual:pinterest-scopes' {
  export const SPEC_VERSION: string;
  export const SCOPES: import('../plugins/openapi.ts').ScopeFact[];
}
declare module 'virtual:pinterest-endpoints' {
  export const ENDPOINTS: import('../plugins/openapi.ts').EndpointFact[];
}
declare module 'virtual:auth-core-api' {
  export const API: import('../plugins/api-reference.ts').ApiReference;
}
declare module 'sample:*' {
  const sample: import('../plugins/samples.ts').SampleModule;
  export default sample;
}
declare module 'virtual:pinterest-api/*' {
  const group: import('../plugins/api-spec.ts').ApiGroupData;
  export default group;
}
