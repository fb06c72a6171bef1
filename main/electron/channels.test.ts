import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/api';
import { callChannel, callsArgument, readCallsArgument } from './channels';

describe('call channels', () => {
  it('names one channel per call, none of them the event channel', () => {
    const channels = CALL_NAMES.map(callChannel);
    expect(new Set(channels).size).toBe(CALL_NAMES.length);
    expect(channels).not.toContain('apostil:event');
  });
});

describe('the call list passed to the preload', () => {
  it("carries the contract's call names there and back", () => {
    expect(readCallsArgument(['/electron', '--type=renderer', callsArgument(CALL_NAMES)])).toEqual(CALL_NAMES);
  });

  it('drops ill-formed names and duplicates, and is empty without the argument', () => {
    expect(readCallsArgument(['--apostil-calls=library.info,__proto__,constructor,a.b/c,,library.info,x'])).toEqual(['library.info']);
    expect(readCallsArgument(['/electron', '--type=renderer'])).toEqual([]);
  });

  it('refuses to pass a name the preload would drop', () => {
    expect(() => callsArgument(['bad name' as CallName])).toThrow(/cannot be passed/);
  });
});
