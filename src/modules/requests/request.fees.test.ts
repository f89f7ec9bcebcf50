import { describe, expect, it } from 'vitest';
import { perItemYuan, perVolumeYuan, quoteFee } from './request.fees.ts';

describe('信息处理费 (国办函〔2020〕109号)', () => {
  // 第4条 按件: ≤10 free; 11–30 100; 31–40 200; 41–50 300; …
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [95, 800],
  ])('按件: the %i-th application in the month costs %i 元', (n, yuan) => expect(perItemYuan(n)).toBe(yuan));

  // 第5条 按量 (progressive): ≤30 free; 31–100 10/页; 101–200 20/页; ≥201 40/页.
  it.each([
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('按量: %i pages cost %i 元', (pages, yuan) => expect(perVolumeYuan(pages)).toBe(yuan));

  it('refuses nonsense quantities', () => {
    expect(() => perItemYuan(0)).toThrow(RangeError);
    expect(() => perVolumeYuan(-1)).toThrow(RangeError);
    expect(() => perVolumeYuan(1.5)).toThrow(RangeError);
  });

  it('explains the calculation in plain Chinese', () => {
    expect(quoteFee('per-volume', 120).calculation).toBe('按量计收：共120页，前30页不收费；第31至100页70页×10元，第101至120页20页×20元；合计1100元');
    expect(quoteFee('per-item', 12)).toMatchObject({ amountYuan: 100, calculation: '按件计收：本申请为申请人本月第12件，按100元/件收取，计100元' });
    expect(quoteFee('per-item', 3).amountYuan).toBe(0);
  });
});
