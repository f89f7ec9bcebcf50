/**
 * Demo (演示) of the offline channels: places registered for 卜湖社区, 城厢街道 and the county office, a 明白纸 of the
 * seed notice 泗政办发〔2023〕72号 and an edited 广播稿 of 卜湖社区's newest notice — all through the commands, every
 * name labelled 演示. Idempotent.
 */
import type { AppContext } from '../../platform/context.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { demoActor } from '../showcase/index.ts';
import { createServicePoint, saveBroadcast, saveLeaflet } from './offline.commands.ts';
import { broadcastOf } from './offline.queries.ts';
import { anyServicePoint } from './offline.repository.ts';
import { newestPublishedOfItem } from '../publishing/index.ts';
import { seedPolicyId } from '../policies/index.ts';

const BUHU = '321323002-buhu';

export async function seedOfflineDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  if (await anyServicePoint(ctx.db)) return;
  const clerk = await demoActor(ctx, 'buhu.clerk');
  const street = await demoActor(ctx, 'chengxiang.officer');
  const zfb = await demoActor(ctx, 'zfb.officer');
  if (!clerk || !street || !zfb) return;
  const demo = true;
  unwrap(
    await createServicePoint(ctx, { actor: clerk }, BUHU, {
      demo,
      kind: 'service_point',
      name: '卜湖社区便民服务站（演示）',
      place: '卜湖社区党群服务中心一楼（演示地址）',
      hours: '工作日 8:30—12:00，14:00—17:30',
      services: ['社会救助政策咨询', '城乡居民医保参保登记', '老年人优待证代办', '村（居）务公开资料查阅'],
    }),
  );
  unwrap(
    await createServicePoint(ctx, { actor: clerk }, BUHU, {
      demo,
      kind: 'zone',
      name: '卜湖社区政务公开专区（演示）',
      place: '卜湖社区党群服务中心大厅东侧（演示地址）',
      hours: '工作日 8:30—17:30',
      services: ['查阅村（居）务公开资料', '领取办事一本通和明白纸'],
    }),
  );
  unwrap(
    await createServicePoint(ctx, { actor: street }, '321323002', {
      demo,
      kind: 'zone',
      name: '城厢街道政务公开专区（演示）',
      place: '城厢街道便民服务中心（演示地址）',
      hours: '工作日 9:00—17:00',
      services: ['查阅政府信息', '依申请公开受理', '政策咨询'],
    }),
  );
  unwrap(
    await createServicePoint(ctx, { actor: zfb }, 'dept-zfb', {
      demo,
      kind: 'zone',
      name: '泗阳县政务服务中心政务公开专区（演示）',
      place: '县政务服务中心一楼（演示地址）',
      hours: '工作日 9:00—17:00',
      services: ['查阅政府信息', '政府公报取阅', '依申请公开受理'],
    }),
  );
  // 明白纸 of the seed notice (the county office's first policy document).
  const seed = await seedPolicyId(ctx.db);
  if (seed) {
    unwrap(
      await saveLeaflet(ctx, { actor: zfb }, seed, {
        demo,
        title: '一张纸看懂：基层政务公开标准化规范化（演示）',
        body: [
          '县里要把政务公开和村（居）务公开做得更规范、更方便群众查看。',
          '一是公开什么有目录。每个乡镇、部门、村（社区）都按标准目录公开，群众能查到该公开的事项。',
          '二是多种渠道看得到。除了政府网站，还在公开栏、政务公开专区、便民服务点张贴和摆放，村里用广播通知。',
          '三是有疑问可以问。看不明白的，可以到政务公开专区咨询，也可以依申请公开。',
          '（演示：本明白纸为演示内容，正式文件以网上原文为准。）',
        ].join('\n'),
      }),
    );
  }
  // An edited 广播稿 of 卜湖社区's newest published notice.
  const notice = await newestPublishedOfItem(ctx.db, BUHU, 'vil:hyjd');
  if (notice) {
    const b = unwrap(await broadcastOf(ctx, clerk, notice));
    unwrap(await saveBroadcast(ctx, { actor: clerk }, notice, { demo, text: `${b.generated.split('\n\n')[0]}（演示广播稿，经办人已核对。）` }));
  }
  out.notes.push('已登记演示政务公开专区和便民服务点 4 个，演示明白纸和广播稿各 1 份');
}
