using System.Collections.Generic;
using System.Linq;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>Turns Kiota's UntypedNode trees (unknown JSON properties) into plain .NET values.</summary>
    internal static class UntypedValues
    {
        public static object? ToPlain(object? value)
        {
            switch (value)
            {
                case null: return null;
                case UntypedNull _: return null;
                case UntypedString s: return s.GetValue();
                case UntypedBoolean b: return b.GetValue();
                case UntypedInteger i: return i.GetValue();
                case UntypedLong l: return l.GetValue();
                case UntypedDouble d: return d.GetValue();
                case UntypedFloat f: return f.GetValue();
                case UntypedDecimal m: return m.GetValue();
                case UntypedArray a: return a.GetValue().Select(ToPlain).ToArray();
                case UntypedObject o:
                    var dict = new SortedDictionary<string, object?>();
                    foreach (var kv in o.GetValue()) dict[kv.Key] = ToPlain(kv.Value);
                    return dict;
                default: return value;
            }
        }
    }
}
