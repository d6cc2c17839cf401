import { describe, expect, it } from 'vitest';
import { greenName } from '../../src/sim/rds/flows/green-resources.js';
import { oldName } from '../../src/sim/rds/flows/switchover-renames.js';
import { RdsFault } from '../../src/sim/rds/rds-fault.js';
import { loopbackAddress } from '../../src/sim/rds/runtime/data-plane.js';
import { createRandom } from '../../src/sim/rds/runtime/random.js';
import { errorXml } from '../../src/sim/rds/wire/envelope.js';
import { paginate } from '../../src/sim/rds/wire/paginate.js';
import { parseQueryBody } from '../../src/sim/rds/wire/query-params.js';

describe('pure parts of the RDS emulator', () => {
  it('when lists come in SDK and member forms, then both are read in index order', () => {
    const params = parseQueryBody(
      'Tags.Tag.2.Key=b&Tags.Tag.1.Key=a&Tags.Tag.1.Value=1&TagKeys.member.1=x&Filters.member.1.Name=engine&Filters.member.1.Values.Value.1=aurora-mysql',
    );
    expect(params.structs('Tags', 'Tag').map((t) => [t.get('Key'), t.get('Value')])).toEqual([
      ['a', '1'],
      ['b', undefined],
    ]);
    expect(params.list('TagKeys', 'member')).toEqual(['x']);
    const [filter] = params.structs('Filters', 'Filter');
    expect(filter?.list('Values', 'Value')).toEqual(['aurora-mysql']);
    expect(() => params.required('Nope')).toThrow(RdsFault);
    expect(() => parseQueryBody('Flag=yes').bool('Flag')).toThrow(/true or false/);
  });

  it('when a page is asked for, then the marker continues where it stopped', () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    const first = paginate(items, parseQueryBody('MaxRecords=20'));
    expect(first.items).toEqual(items.slice(0, 20));
    const second = paginate(items, parseQueryBody(`MaxRecords=20&Marker=${first.marker}`));
    const third = paginate(items, parseQueryBody(`MaxRecords=20&Marker=${second.marker}`));
    expect([...second.items, ...third.items]).toEqual(items.slice(20));
    expect(third.marker).toBeUndefined();
    expect(() => paginate(items, parseQueryBody('Marker=garbage'))).toThrow(/marker/);
  });

  it('when names are derived, then green and old names follow the real patterns', () => {
    const random = createRandom(1);
    expect(greenName({ random }, 'prod-db')).toMatch(/^prod-db-green-[a-z0-9]{6}$/);
    expect(greenName({ random }, 'a'.repeat(63))).toHaveLength(63);
    expect(oldName(new Set(), 'prod-db')).toBe('prod-db-old1');
    expect(oldName(new Set(['prod-db-old1']), 'prod-db')).toBe('prod-db-old2');
  });

  it('when loopback addresses are numbered, then they start at 127.0.0.2 and skip .0 and .255', () => {
    expect(loopbackAddress(2)).toBe('127.0.0.2');
    expect(loopbackAddress(254)).toBe('127.0.0.254');
    expect(loopbackAddress(255)).toBe('127.0.1.1');
  });

  it('when a fault is rendered, then codes and messages are escaped and 5xx faults are Receiver faults', () => {
    const fault = new RdsFault('InternalFailure', 'a <b> & "c"');
    expect(fault.status).toBe(500);
    expect(errorXml(fault, 'rid')).toContain(
      '<Type>Receiver</Type><Code>InternalFailure</Code><Message>a &lt;b&gt; &amp; &quot;c&quot;</Message>',
    );
    expect(new RdsFault('DBInstanceNotFound', 'x').status).toBe(404);
    expect(new RdsFault('Throttling', 'x').status).toBe(400);
  });
});
