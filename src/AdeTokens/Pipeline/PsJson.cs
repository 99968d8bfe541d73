using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AdeTokens
{
    /// <summary>Serialises ConvertFrom-Json output back to JSON so the snapshot reader handles it like a file.</summary>
    internal static class PsJson
    {
        public static string Serialize(object? value)
        {
            var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                Write(w, value, 0);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > 32) throw new NotSupportedException("The input is nested too deeply to be an ADE token.");
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    w.WriteStartObject();
                    foreach (var p in pso.Properties)
                    {
                        if (p.MemberType != PSMemberTypes.NoteProperty) continue;
                        w.WritePropertyName(p.Name);
                        Write(w, p.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: w.WriteNullValue(); return;
                case string s: w.WriteStringValue(s); return;
                case bool b: w.WriteBooleanValue(b); return;
                case DateTime dt: w.WriteStringValue(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("o") : dt.ToString("o")); return;
                case DateTimeOffset dto: w.WriteStringValue(dto.ToString("o")); return;
                case int i: w.WriteNumberValue(i); return;
                case long l: w.WriteNumberValue(l); return;
                case double d: w.WriteNumberValue(d); return;
                case decimal m: w.WriteNumberValue(m); return;
                case System.Numerics.BigInteger bi: w.WriteRawValue(bi.ToString()); return;
                case IDictionary dict:
                    w.WriteStartObject();
                    foreach (DictionaryEntry e in dict)
                    {
                        w.WritePropertyName(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(w, e.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                case IEnumerable seq:
                    w.WriteStartArray();
                    foreach (var item in seq) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    return;
                default:
                    throw new NotSupportedException($"A {value.GetType().FullName} cannot be read as part of an ADE token.");
            }
        }
    }
}
