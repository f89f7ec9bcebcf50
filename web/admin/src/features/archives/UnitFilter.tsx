/** The archives lists' unit filter (in an inline Form): one unit of the user's scope, or 全部单位 (the server's scope). */
import { Button, Form } from 'antd';
import { UnitSelect } from '../../lib/components.tsx';

export function UnitFilter({ unit, onChange, width = 260 }: { unit?: string; onChange: (unit: string | undefined) => void; width?: number }) {
  return (
    <>
      <Form.Item label="单位" style={{ minWidth: width }}>
        <UnitSelect value={unit} onChange={onChange} />
      </Form.Item>
      {unit && (
        <Form.Item>
          <Button onClick={() => onChange(undefined)}>全部单位</Button>
        </Form.Item>
      )}
    </>
  );
}
