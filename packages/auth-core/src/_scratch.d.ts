import type { ListItem, ListPath, OptionsArg, PathsWith, RequestOptions, ResponseBody } from './api-types.js';

type A = ListItem<'/boards/{board_id}/pins'>;
type L = ListPath;
type O = OptionsArg<'/boards/{board_id}/pins', 'get'>;
type R = ResponseBody<'/pins/{pin_id}', 'delete'>;
type C = RequestOptions<'/pins', 'post'>;
type N = Exclude<PathsWith<'get'>, ListPath>;
export declare const dbg: [A, L, O, R, C, N];
