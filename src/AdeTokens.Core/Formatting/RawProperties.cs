using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AdeTokens
{
    /// <summary>
    /// The properties of a Graph object as Graph named them (the Raw property). A sorted dictionary that reads as
    /// compact JSON wherever PowerShell turns it into one string, such as an Export-Csv cell.
    /// </summary>
    public sealed class RawProperties : SortedDictionary<string, object?>
    {
        /// <summary>An empty set, ordered by ordinal name.</summary>
        public RawProperties() : base(StringComparer.Ordinal)
        {
        }

        /// <summary>Compact JSON, invariant formatting.</summary>
        public override string ToString()
        {
            using var stream = new MemoryStream();
            // Relaxed escaping: the text is for people and spreadsheets, never embedded in HTML.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(writer, this, 0);
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > 16)
            {
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            }
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case DateTimeOffset d: writer.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
                case DateTime d: writer.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
                case Enum e: writer.WriteStringValue(e.ToString()); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case double x: writer.WriteNumberValue(x); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry kv in map)
                    {
                        writer.WritePropertyName(Convert.ToString(kv.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, kv.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    break;
                case IFormattable f: writer.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
                default: writer.WriteStringValue(value.ToString()); break;
            }
        }
    }
}
