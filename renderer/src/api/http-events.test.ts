import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './http-events';

describe('EventStreamParser', () => {
  it('gives the data of each event, across chunk boundaries, without comments', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': connected\n\ndata: {"name":"a"')).toEqual([]);
    expect(parser.push('}\n\n: keep-alive\n\ndata: {"name":"b"}\n\nda')).toEqual(['{"name":"a"}', '{"name":"b"}']);
    expect(parser.push('ta: {"name":"c"}\r\n\r\n')).toEqual(['{"name":"c"}']);
  });

  it('joins the data lines of one event', () => {
    expect(new EventStreamParser().push('data: one\ndata: two\nid: 3\n\n')).toEqual(['one\ntwo']);
  });
});
