import { ConfigError, describeConfig, loadConfig } from '../../host/config';

describe('OPERATION_RETENTION_DAYS', () => {
  it('keeps the records of exactly-once requests 30 days unless told otherwise', () => {
    expect(loadConfig({}).operationRetentionDays).toBe(30);
    expect(loadConfig({ OPERATION_RETENTION_DAYS: '90' }).operationRetentionDays).toBe(90);
    expect(describeConfig(loadConfig({ OPERATION_RETENTION_DAYS: '7' }))).toMatchObject({
      operationRetentionDays: 7,
    });
  });

  it.each(['0', '6', '3651', '30.5', 'a month', '-30'])(
    'refuses %j, saying what it must be and why',
    (days) => {
      const load = () => loadConfig({ OPERATION_RETENTION_DAYS: days });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(
        'OPERATION_RETENTION_DAYS must be a whole number of days from 7 to 3650 (default 30): ' +
          'how long a click is remembered, so that a repeat of it changes nothing',
      );
    },
  );
});
