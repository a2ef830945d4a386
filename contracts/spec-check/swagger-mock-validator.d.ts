// The part of @pactflow/swagger-mock-validator's API the spec check uses (the package ships no types).
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationFinding {
    code: string;
    message: string;
    type: 'error' | 'warning';
    source: string;
    mockDetails?: { interactionDescription?: string; interactionState?: string; location?: string; mockFile?: string; value?: unknown };
    specDetails?: { location?: string; pathMethod?: string; pathName?: string; specFile?: string; value?: unknown };
  }
  export interface ValidationOutcome {
    success: boolean;
    errors: ValidationFinding[];
    warnings: ValidationFinding[];
    failureReason?: string;
  }
  export interface ValidateOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    providerName?: string;
    tag?: string;
    additionalPropertiesInResponse?: 'true' | 'false';
    requiredPropertiesInResponse?: 'true' | 'false';
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: ValidateOptions): Promise<ValidationOutcome> };
  };
}
