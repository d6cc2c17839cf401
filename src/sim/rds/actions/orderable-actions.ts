/** DescribeOrderableDBInstanceOptions for aurora-mysql (other engines: none). */
import { AURORA_MYSQL_CLASSES, AURORA_MYSQL_VERSIONS } from '../model/orderable-classes.js';
import { availabilityZones } from '../runtime/create-resources.js';
import { paginate } from '../wire/paginate.js';
import { type OrderableOption, orderableXml } from '../wire/render-misc.js';
import { leaf, list } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';

export const describeOrderableDBInstanceOptions: ActionHandler = (ctx, params) => {
  const engine = params.required('Engine');
  const version = params.get('EngineVersion');
  const instanceClass = params.get('DBInstanceClass');
  const known = [
    ...new Set([...AURORA_MYSQL_VERSIONS, ...ctx.state.clusters.map((c) => c.engineVersion)]),
  ];
  const versions = known.filter((v) => version === undefined || v === version);
  const zones = availabilityZones(ctx.state.region);
  const options: OrderableOption[] =
    engine !== 'aurora-mysql' || params.bool('Vpc') === false
      ? []
      : versions.flatMap((engineVersion) =>
          AURORA_MYSQL_CLASSES.filter(
            (c) => instanceClass === undefined || c === instanceClass,
          ).map((c) => ({ engineVersion, instanceClass: c, availabilityZones: zones })),
        );
  const page = paginate(options, params, { min: 20, max: 1000 });
  return (
    list('OrderableDBInstanceOptions', 'OrderableDBInstanceOption', page.items, orderableXml) +
    leaf('Marker', page.marker)
  );
};
