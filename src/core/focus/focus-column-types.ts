export type FocusVersion = '1.0' | '1.1' | '1.2' | '1.3' | '1.4';
export type FocusDataType = 'String' | 'Decimal' | 'Date/Time' | 'JSON';
export type FocusFeatureLevel = 'Mandatory' | 'Recommended' | 'Conditional';

/** One column of one FOCUS version, as the specification states it. */
export interface FocusColumnRecord {
  version: FocusVersion;
  name: string;
  dataType: FocusDataType;
  featureLevel: FocusFeatureLevel;
  allowsNulls: boolean;
  valueFormat: string;
  allowedValues?: string[];
}
