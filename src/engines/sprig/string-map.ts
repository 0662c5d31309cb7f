// Go's map[string]string, as Sprig's split and splitn return it.
export class StringMap extends Map<string, string> {
  static goTypeName = 'map[string]string';
}
