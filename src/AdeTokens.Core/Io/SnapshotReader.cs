using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Serialization.Json;

namespace AdeTokens.Io
{
    /// <summary>
    /// Reads depOnboardingSettings saved offline: a Graph response body ({"value":[...]}), a JSON array of
    /// settings, or one setting. Items go through Kiota's JsonParseNode, the same code the live Graph path
    /// uses, so 7-digit fractions, non-UTC offsets and 0001-01-01 behave identically offline and online.
    /// </summary>
    public static class SnapshotReader
    {
        /// <summary>Reads a snapshot file.</summary>
        /// <exception cref="SnapshotFormatException">The file is not valid JSON or not a snapshot.</exception>
        public static IReadOnlyList<DepOnboardingSetting> ReadFile(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            // ReadAllText honours a BOM, so UTF-16 files written by Windows PowerShell 5.1 read correctly.
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Parses snapshot text; <paramref name="sourceName"/> names it in error messages.</summary>
        /// <exception cref="SnapshotFormatException">The text is not valid JSON or not a snapshot.</exception>
        public static IReadOnlyList<DepOnboardingSetting> Parse(string json, string sourceName)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            sourceName = string.IsNullOrEmpty(sourceName) ? "(snapshot)" : sourceName;
            if (json.Trim().Length == 0)
                throw new SnapshotFormatException($"The snapshot '{sourceName}' is empty; expected a Graph response body {{\"value\":[...]}}, an array of depOnboardingSetting objects, or one object.",
                    SnapshotFormatException.MalformedErrorId, sourceName, 1, 1);

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                // JsonException counts from 0; people and editors count from 1.
                var line = (ex.LineNumber ?? 0) + 1;
                var pos = (ex.BytePositionInLine ?? 0) + 1;
                var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" (JSON path {ex.Path})";
                throw new SnapshotFormatException($"The snapshot '{sourceName}' is not valid JSON at line {line}, position {pos}{path}: {Reason(ex.Message)}",
                    SnapshotFormatException.MalformedErrorId, sourceName, line, pos, null, ex);
            }

            using (doc)
            {
                var root = doc.RootElement;
                var items = new List<JsonElement>();
                bool wrapped = false;
                switch (root.ValueKind)
                {
                    case JsonValueKind.Array:
                        foreach (var e in root.EnumerateArray()) items.Add(e);
                        break;
                    case JsonValueKind.Object when root.TryGetProperty("value", out var value):
                        if (value.ValueKind != JsonValueKind.Array)
                            throw Shape(json, sourceName, $"its \"value\" property is {Describe(value.ValueKind)}, not an array of depOnboardingSetting objects", null, false);
                        wrapped = true;
                        foreach (var e in value.EnumerateArray()) items.Add(e);
                        break;
                    case JsonValueKind.Object:
                        items.Add(root);
                        break;
                    default:
                        throw Shape(json, sourceName, $"it is {Describe(root.ValueKind)}; expected a Graph response body {{\"value\":[...]}}, an array of depOnboardingSetting objects, or one object", null, false);
                }

                var result = new List<DepOnboardingSetting>(items.Count);
                var single = root.ValueKind == JsonValueKind.Object && !wrapped;
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    var which = single ? "the object" : $"item {i}";
                    if (item.ValueKind != JsonValueKind.Object)
                        throw Shape(json, sourceName, $"{which} is {Describe(item.ValueKind)}, not a depOnboardingSetting object", single ? (int?)null : i, wrapped);
                    if (!item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
                        throw Shape(json, sourceName, $"{which} has no \"id\" (a depOnboardingSetting always has its id as a string)", single ? (int?)null : i, wrapped);

                    var idText = id.GetString();
                    var wrongKind = CheckKinds(item);
                    if (wrongKind != null)
                        throw Shape(json, sourceName, $"{which} (id '{idText}') {wrongKind}", single ? (int?)null : i, wrapped);

                    DepOnboardingSetting? setting;
                    try
                    {
                        // Clone: Kiota keeps JsonElements of unknown properties (AdditionalData) and reads them
                        // lazily, after this method has disposed the document.
                        setting = new JsonParseNode(item.Clone()).GetObjectValue(DepOnboardingSetting.CreateFromDiscriminatorValue);
                    }
                    catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException || ex is OverflowException || ex is JsonException)
                    {
                        throw Shape(json, sourceName, $"{which} (id '{idText}') has a property of the wrong type: {ex.Message}", single ? (int?)null : i, wrapped, ex);
                    }
                    if (setting is null)
                        throw Shape(json, sourceName, $"{which} (id '{idText}') could not be read as a depOnboardingSetting", single ? (int?)null : i, wrapped);
                    var badDate = CheckDates(item, setting);
                    if (badDate != null)
                        throw Shape(json, sourceName, $"{which} (id '{idText}') {badDate}", single ? (int?)null : i, wrapped);
                    result.Add(setting);
                }
                return result;
            }
        }

        // Kiota turns a value of the wrong JSON kind into null without a word (the live path trusts Graph).
        // A snapshot may be hand-edited or exported by another tool, and a silently dropped
        // "lastSyncErrorCode": "3" would make a failing token look healthy, so check the kinds first.
        private static readonly KeyValuePair<string, JsonValueKind[]>[] KnownKinds =
        {
            Kind("appleIdentifier", JsonValueKind.String),
            Kind("tokenExpirationDateTime", JsonValueKind.String),
            Kind("lastModifiedDateTime", JsonValueKind.String),
            Kind("lastSuccessfulSyncDateTime", JsonValueKind.String),
            Kind("lastSyncTriggeredDateTime", JsonValueKind.String),
            Kind("shareTokenWithSchoolDataSyncService", JsonValueKind.True, JsonValueKind.False),
            Kind("lastSyncErrorCode", JsonValueKind.Number),
            Kind("tokenType", JsonValueKind.String),
            Kind("tokenName", JsonValueKind.String),
            Kind("syncedDeviceCount", JsonValueKind.Number),
            Kind("dataSharingConsentGranted", JsonValueKind.True, JsonValueKind.False),
            Kind("roleScopeTagIds", JsonValueKind.Array),
        };

        private static KeyValuePair<string, JsonValueKind[]> Kind(string name, params JsonValueKind[] kinds) => new KeyValuePair<string, JsonValueKind[]>(name, kinds);

        private static string? CheckKinds(JsonElement item)
        {
            foreach (var k in KnownKinds)
            {
                if (!item.TryGetProperty(k.Key, out var v) || v.ValueKind == JsonValueKind.Null) continue;
                if (Array.IndexOf(k.Value, v.ValueKind) < 0)
                    return $"has \"{k.Key}\" as {Describe(v.ValueKind)}; expected {Describe(k.Value[0])}";
            }
            return null;
        }

        private static string? CheckDates(JsonElement item, DepOnboardingSetting s)
        {
            string? Bad(string name, DateTimeOffset? parsed)
                => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) && !parsed.HasValue
                    ? $"has \"{name}\" = '{v.GetString()}', which is not a date and time (expected ISO 8601, for example 2025-06-01T12:00:00Z)"
                    : null;
            return Bad("tokenExpirationDateTime", s.TokenExpirationDateTime)
                ?? Bad("lastModifiedDateTime", s.LastModifiedDateTime)
                ?? Bad("lastSuccessfulSyncDateTime", s.LastSuccessfulSyncDateTime)
                ?? Bad("lastSyncTriggeredDateTime", s.LastSyncTriggeredDateTime);
        }

        private static SnapshotFormatException Shape(string json, string sourceName, string what, int? index, bool wrapped, Exception? inner = null)
        {
            long? line = null, pos = null;
            if (index.HasValue)
            {
                var at = ItemStart(Encoding.UTF8.GetBytes(json), index.Value, wrapped);
                if (at.HasValue) (line, pos) = at.Value;
            }
            var where = line.HasValue ? $" (line {line}, position {pos})" : string.Empty;
            return new SnapshotFormatException($"The snapshot '{sourceName}' is valid JSON but not a depOnboardingSetting snapshot: {what}{where}.",
                SnapshotFormatException.UnexpectedShapeErrorId, sourceName, line, pos, index, inner);
        }

        // JsonDocument keeps no positions, so on the (rare) shape error walk the text again to find where item
        // <index> starts: items of the root array sit at depth 1, items of {"value":[...]} at depth 2.
        private static (long Line, long Position)? ItemStart(byte[] utf8, int index, bool wrapped)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions());
            var inValue = !wrapped;
            var expectValueArray = false;
            var itemDepth = wrapped ? 2 : 1;
            var seen = -1;
            while (reader.Read())
            {
                var t = reader.TokenType;
                if (wrapped)
                {
                    if (reader.CurrentDepth == 1 && t == JsonTokenType.PropertyName)
                    {
                        expectValueArray = reader.ValueTextEquals("value");
                        continue;
                    }
                    if (expectValueArray && reader.CurrentDepth == 1)
                    {
                        expectValueArray = false;
                        if (t == JsonTokenType.StartArray) { inValue = true; continue; }
                    }
                    if (inValue && reader.CurrentDepth == 1 && t == JsonTokenType.EndArray) { inValue = false; continue; }
                }
                if (!inValue || reader.CurrentDepth != itemDepth) continue;
                if (t == JsonTokenType.EndObject || t == JsonTokenType.EndArray || t == JsonTokenType.PropertyName || t == JsonTokenType.Comment) continue;
                if (++seen == index) return LineAndPosition(utf8, reader.TokenStartIndex);
            }
            return null;
        }

        private static (long, long) LineAndPosition(byte[] utf8, long offset)
        {
            long line = 1, lineStart = 0;
            for (long i = 0; i < offset && i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n') { line++; lineStart = i + 1; }
            }
            return (line, offset - lineStart + 1);
        }

        // System.Text.Json appends its own 0-based "LineNumber: … | BytePositionInLine: …"; we report 1-based ones.
        private static string Reason(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim();
        }

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "an array";
                case JsonValueKind.String: return "a string";
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.True:
                case JsonValueKind.False: return "a boolean (true or false)";
                case JsonValueKind.Null: return "null";
                default: return kind.ToString();
            }
        }
    }
}
