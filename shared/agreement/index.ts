// Agreement between two coders (Cohen's kappa over characters): pure, used by main's agreement service.
export * from './intervals';
export * from './kappa';
export * from './agreement';
