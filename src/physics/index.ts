export * from './kinematics';
