export { substitute, SubstitutionError, type SubstituteOptions } from './substitute.ts';
