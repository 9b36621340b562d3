import type { DataSourceGrant } from './permission-names.js'

/** The data source types of JsonApiDataSourceIn.attributes.type. */
export const DATA_SOURCE_TYPES = [
  'POSTGRESQL',
  'REDSHIFT',
  'VERTICA',
  'SNOWFLAKE',
  'ADS',
  'BIGQUERY',
  'MSSQL',
  'PRESTO',
  'DREMIO',
  'AZURESQL',
  'SYNAPSESQL',
  'DATABRICKS',
  'GDSTORAGE',
  'CLICKHOUSE',
  'MYSQL',
  'MARIADB',
  'ORACLE',
  'PINOT',
  'SINGLESTORE',
  'MOTHERDUCK',
  'FLEXCONNECT',
  'STARROCKS',
  'ATHENA',
  'MONGODB',
  'CRATEDB',
  'AILAKEHOUSE',
  'DENODO',
] as const

/**
 * Attributes a write may carry that no answer ever returns: JsonApiDataSourceOut leaves them out
 * and DeclarativeDataSource.password says "property is never returned back".
 */
export const DATA_SOURCE_SECRETS = ['password', 'token', 'privateKey', 'privateKeyPassphrase', 'clientSecret'] as const

/** A data source's attributes as stored: name, type and schema are required on create. */
export interface DataSourceAttributes {
  name: string
  type: (typeof DATA_SOURCE_TYPES)[number]
  schema: string
  [attribute: string]: unknown
}

/** A data source as the emulated server stores it, secrets included. */
export interface StoredDataSource {
  id: string
  attributes: DataSourceAttributes
  permissions: DataSourceGrant[]
}

/** A data source in a seed: the grants may be left out. */
export type DataSourceSeed = Omit<StoredDataSource, 'permissions'> & Partial<Pick<StoredDataSource, 'permissions'>>

/** The attributes an answer may show: everything but the secrets. */
export function publicDataSourceAttributes(attributes: DataSourceAttributes): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...attributes }
  for (const secret of DATA_SOURCE_SECRETS) delete shown[secret]
  return shown
}
