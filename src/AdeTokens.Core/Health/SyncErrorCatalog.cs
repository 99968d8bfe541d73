using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AdeTokens.Health
{
    /// <summary>
    /// The ADE sync-error catalogue (SyncErrorCatalog.json, embedded). Microsoft documents the error messages and
    /// their fixes but not which lastSyncErrorCode is which, so each code mapping carries its evidence, and every
    /// other code is answered with the documented causes to check.
    /// </summary>
    public sealed class SyncErrorCatalog
    {
        /// <summary>Manifest resource name the csproj gives the JSON file.</summary>
        public const string ResourceName = "AdeTokens.SyncErrorCatalog.json";

        private static readonly Lazy<SyncErrorCatalog> s_embedded = new Lazy<SyncErrorCatalog>(LoadEmbedded, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        private readonly Dictionary<int, SyncErrorCodeMapping> _codes;
        private readonly Dictionary<string, SyncErrorEntry> _errorsById;

        private SyncErrorCatalog(IReadOnlyList<SyncErrorSource> sources, IReadOnlyList<SyncErrorEntry> errors, IReadOnlyList<SyncErrorCodeMapping> codes, IReadOnlyList<UnmappedSyncErrorCause> causes)
        {
            Sources = sources;
            Errors = errors;
            Codes = codes;
            UnmappedCauses = causes;
            _codes = codes.ToDictionary(c => c.Code);
            _errorsById = errors.ToDictionary(e => e.Id, StringComparer.Ordinal);
        }

        /// <summary>Where the entries come from.</summary>
        public IReadOnlyList<SyncErrorSource> Sources { get; }
        /// <summary>The documented errors, in Microsoft's order.</summary>
        public IReadOnlyList<SyncErrorEntry> Errors { get; }
        /// <summary>The codes we have some evidence for.</summary>
        public IReadOnlyList<SyncErrorCodeMapping> Codes { get; }
        /// <summary>The causes to check for an unmapped code.</summary>
        public IReadOnlyList<UnmappedSyncErrorCause> UnmappedCauses { get; }

        /// <summary>The embedded catalogue, read once and then shared (it is immutable).</summary>
        public static SyncErrorCatalog Load() => s_embedded.Value;

        /// <summary>What the catalogue knows about <paramref name="code"/>.</summary>
        public SyncErrorLookupResult Lookup(int code)
        {
            _codes.TryGetValue(code, out var mapping);
            return new SyncErrorLookupResult(code, mapping, UnmappedCauses);
        }

        /// <summary>A documented error by id, or null.</summary>
        public SyncErrorEntry? FindError(string id)
            => id != null && _errorsById.TryGetValue(id, out var e) ? e : null;

        private static SyncErrorCatalog LoadEmbedded()
        {
            using var stream = typeof(SyncErrorCatalog).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(SyncErrorCatalog).Assembly.GetName().Name}; the build did not include Health/SyncErrorCatalog.json.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), ResourceName);
        }

        /// <summary>Parses and cross-checks a catalogue; every fault names the entry, because a broken catalogue must fail the build's tests, not a runbook.</summary>
        internal static SyncErrorCatalog Parse(string json, string sourceName)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;

            var sources = new List<SyncErrorSource>();
            foreach (var (s, path) in Items(root, "sources", sourceName))
            {
                sources.Add(new SyncErrorSource(Str(s, "id", path, sourceName), ParseLevel(Str(s, "level", path, sourceName), path, sourceName),
                    Str(s, "title", path, sourceName), OptStr(s, "url")));
            }
            var sourceById = Unique(sources, x => x.Id, "sources", sourceName);
            SyncErrorSource Src(JsonElement e, string path)
            {
                var id = Str(e, "source", path, sourceName);
                return sourceById.TryGetValue(id, out var src) ? src : throw Fault(sourceName, $"{path}.source '{id}' is not in sources.");
            }

            var errors = new List<SyncErrorEntry>();
            foreach (var (e, path) in Items(root, "errors", sourceName))
            {
                var fix = StrArray(e, "fix", path, sourceName);
                var helpUri = Str(e, "helpUri", path, sourceName);
                if (!helpUri.StartsWith("https://learn.microsoft.com/", StringComparison.Ordinal))
                    throw Fault(sourceName, $"{path}.helpUri must be a Microsoft Learn page; it is '{helpUri}'.");
                errors.Add(new SyncErrorEntry(Str(e, "id", path, sourceName), Str(e, "message", path, sourceName), Str(e, "cause", path, sourceName),
                    fix, Str(e, "fixableBy", path, sourceName), OptStr(e, "appleEquivalent"), helpUri, Src(e, path)));
            }
            var errorById = Unique(errors, x => x.Id, "errors", sourceName);

            var codes = new List<SyncErrorCodeMapping>();
            foreach (var (c, path) in Items(root, "codes", sourceName))
            {
                if (!c.TryGetProperty("code", out var codeEl) || !codeEl.TryGetInt32(out var code))
                    throw Fault(sourceName, $"{path}.code must be an integer.");
                var errorId = OptStr(c, "errorId");
                SyncErrorEntry? error = null;
                if (errorId != null && !errorById.TryGetValue(errorId, out error))
                    throw Fault(sourceName, $"{path}.errorId '{errorId}' is not in errors.");
                if (code != 0 && error is null)
                    throw Fault(sourceName, $"{path}: a non-zero code must name an errorId.");
                codes.Add(new SyncErrorCodeMapping(code, error, ParseLevel(Str(c, "evidence", path, sourceName), path, sourceName), Str(c, "note", path, sourceName), Src(c, path)));
            }
            Unique(codes, x => x.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), "codes", sourceName);

            var causes = new List<UnmappedSyncErrorCause>();
            foreach (var (u, path) in Items(root, "unmappedCauses", sourceName))
            {
                var ids = StrArray(u, "errorIds", path, sourceName);
                var covered = ids.Select(id => errorById.TryGetValue(id, out var en) ? en : throw Fault(sourceName, $"{path}.errorIds '{id}' is not in errors.")).ToArray();
                var rank = new Dictionary<TokenExpiryState, int>();
                if (!u.TryGetProperty("rank", out var rankEl) || rankEl.ValueKind != JsonValueKind.Object)
                    throw Fault(sourceName, $"{path}.rank must be an object.");
                foreach (TokenExpiryState state in Enum.GetValues(typeof(TokenExpiryState)))
                {
                    var key = state.ToString().ToLowerInvariant();
                    if (!rankEl.TryGetProperty(key, out var r) || !r.TryGetInt32(out var rv))
                        throw Fault(sourceName, $"{path}.rank.{key} must be an integer.");
                    rank[state] = rv;
                }
                if (!u.TryGetProperty("check", out var checkEl) || checkEl.ValueKind != JsonValueKind.Object)
                    throw Fault(sourceName, $"{path}.check must be an object.");
                var check = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in checkEl.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String) throw Fault(sourceName, $"{path}.check.{p.Name} must be a string.");
                    check[p.Name] = p.Value.GetString()!;
                }
                var hasAll = check.ContainsKey("any") || Enum.GetNames(typeof(TokenExpiryState)).All(n => check.ContainsKey(n.ToLowerInvariant()));
                if (!hasAll) throw Fault(sourceName, $"{path}.check needs 'any' or one text per expiry state (expired, valid, unknown).");
                causes.Add(new UnmappedSyncErrorCause(Str(u, "id", path, sourceName), Str(u, "title", path, sourceName), covered, rank, check, Src(u, path)));
            }
            Unique(causes, x => x.Id, "unmappedCauses", sourceName);

            return new SyncErrorCatalog(sources, errors, codes, causes);
        }

        private static IEnumerable<(JsonElement, string)> Items(JsonElement root, string name, string sourceName)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array)
                throw Fault(sourceName, $"'{name}' must be an array.");
            var i = 0;
            foreach (var item in arr.EnumerateArray())
            {
                var path = $"{name}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object) throw Fault(sourceName, $"{path} must be an object.");
                yield return (item, path);
            }
        }

        private static Dictionary<string, T> Unique<T>(IEnumerable<T> items, Func<T, string> key, string name, string sourceName)
        {
            var d = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var k = key(item);
                if (d.ContainsKey(k)) throw Fault(sourceName, $"{name} has '{k}' twice.");
                d[k] = item;
            }
            return d;
        }

        private static string Str(JsonElement e, string name, string path, string sourceName)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                return v.GetString()!;
            throw Fault(sourceName, $"{path}.{name} must be a non-empty string.");
        }

        private static string? OptStr(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string[] StrArray(JsonElement e, string name, string path, string sourceName)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
                throw Fault(sourceName, $"{path}.{name} must be a non-empty array of strings.");
            return v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(x.GetString())
                ? x.GetString()! : throw Fault(sourceName, $"{path}.{name} must hold only non-empty strings.")).ToArray();
        }

        private static SyncErrorEvidence ParseLevel(string level, string path, string sourceName)
        {
            switch (level)
            {
                case "documented": return SyncErrorEvidence.Documented;
                case "inferred": return SyncErrorEvidence.Inferred;
                case "thirdPartyObservation": return SyncErrorEvidence.ThirdPartyObservation;
                default: throw Fault(sourceName, $"{path}: unknown evidence level '{level}' (documented, inferred, thirdPartyObservation).");
            }
        }

        private static InvalidDataException Fault(string sourceName, string what)
            => new InvalidDataException($"Sync-error catalogue '{sourceName}' is invalid: {what}");
    }
}
