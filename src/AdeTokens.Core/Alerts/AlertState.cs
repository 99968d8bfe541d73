using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AdeTokens.Health;

namespace AdeTokens.Alerts
{
    internal static class Keys
    {
        public static string Of(string? tenant, string tokenId) => (tenant ?? string.Empty).ToLowerInvariant() + "/" + (tokenId ?? string.Empty).ToLowerInvariant();
    }

    /// <summary>
    /// What Send-AdeTokenAlert -StatePath remembers between runs: the tokens it last alerted on, with their status and
    /// finding codes. Holds no secret (no webhook URL, no token value), so it may sit in a file or an Automation variable.
    /// </summary>
    public sealed class AlertState
    {
        /// <summary>The version of the state format written.</summary>
        public const int CurrentVersion = 1;

        /// <summary>When the alert this state describes was sent (UTC).</summary>
        public DateTimeOffset SentAt { get; set; }
        /// <summary>The minimum status of that alert.</summary>
        public HealthStatus MinimumStatus { get; set; } = HealthStatus.Warning;
        /// <summary>The tokens that were at or above the minimum status.</summary>
        public List<AlertStateEntry> Tokens { get; set; } = new List<AlertStateEntry>();

        /// <summary>The state as indented JSON (invariant, camelCase).</summary>
        public string ToJson()
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("version", CurrentVersion);
                w.WriteString("generator", "AdeTokens " + ModuleInfo.Version);
                w.WriteString("sentAt", InvariantText.Iso(SentAt));
                w.WriteString("minimumStatus", MinimumStatus.ToString());
                w.WriteStartArray("tokens");
                foreach (var t in Tokens.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    if (t.TenantId is null) w.WriteNull("tenantId"); else w.WriteString("tenantId", t.TenantId);
                    w.WriteString("tokenId", t.TokenId);
                    if (t.Scope != null) w.WriteString("scope", t.Scope);
                    if (t.TokenName is null) w.WriteNull("tokenName"); else w.WriteString("tokenName", t.TokenName);
                    w.WriteString("status", t.Status.ToString());
                    w.WriteStartArray("codes");
                    foreach (var c in t.Codes) w.WriteStringValue(c);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>Reads a state written by <see cref="ToJson"/>; FormatException when it is not one.</summary>
        public static AlertState Parse(string json)
        {
            if (string.IsNullOrWhiteSpace(json)) throw new FormatException("The alert state is empty.");
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number)
                    throw new FormatException("The alert state has no version; it was not written by Send-AdeTokenAlert.");
                if (v.GetInt32() != CurrentVersion)
                    throw new FormatException($"The alert state is version {v.GetInt32()}; this module reads version {CurrentVersion}.");
                var state = new AlertState();
                if (root.TryGetProperty("sentAt", out var s) && s.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sent))
                    state.SentAt = sent;
                if (root.TryGetProperty("minimumStatus", out var m) && m.ValueKind == JsonValueKind.String && Enum.TryParse<HealthStatus>(m.GetString(), out var min))
                    state.MinimumStatus = min;
                if (!root.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
                    throw new FormatException("The alert state has no tokens array.");
                foreach (var t in tokens.EnumerateArray())
                {
                    if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("tokenId", out var id) || id.ValueKind != JsonValueKind.String)
                        throw new FormatException("A token in the alert state has no tokenId.");
                    if (!t.TryGetProperty("status", out var st) || st.ValueKind != JsonValueKind.String || !Enum.TryParse<HealthStatus>(st.GetString(), out var status))
                        throw new FormatException($"The token {id.GetString()} in the alert state has no valid status.");
                    state.Tokens.Add(new AlertStateEntry
                    {
                        TenantId = t.TryGetProperty("tenantId", out var tn) && tn.ValueKind == JsonValueKind.String ? tn.GetString() : null,
                        TokenId = id.GetString()!,
                        TokenName = t.TryGetProperty("tokenName", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString() : null,
                        Scope = t.TryGetProperty("scope", out var sc) && sc.ValueKind == JsonValueKind.String ? sc.GetString() : null,
                        Status = status,
                        Codes = t.TryGetProperty("codes", out var cs) && cs.ValueKind == JsonValueKind.Array
                            ? cs.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
                            : Array.Empty<string>(),
                    });
                }
                return state;
            }
            catch (JsonException e)
            {
                throw new FormatException("The alert state is not valid JSON: " + e.Message, e);
            }
            catch (InvalidOperationException e)
            {
                throw new FormatException("The alert state is not in the expected shape: " + e.Message, e);
            }
        }

        /// <summary>
        /// Compares this run's results with the last alert. Each token is tracked by its own findings; tenant-wide
        /// findings (the APNs certificate, a VPP token), which repeat on every token, are tracked once per tenant and
        /// target, so an APNs problem is one change, not one per token. A token whose check did not complete
        /// (CheckIncomplete) keeps its earlier status and codes: a failed check is never taken for a fix. Tokens missing
        /// from this run, and tenant targets this run did not check, are kept as they were and reported as nothing
        /// (a filtered or failed run proves nothing).
        /// </summary>
        public static (IReadOnlyList<AlertChange> Changes, AlertState Next) Compare(AlertState? previous, IEnumerable<HealthResult> results, HealthStatus minimum, DateTimeOffset now)
        {
            if (results is null) throw new ArgumentNullException(nameof(results));
            var list = Reporting.HealthReport.Order(results.Where(x => x != null)).ToList();
            var prev = (previous?.Tokens ?? new List<AlertStateEntry>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First());
            var changes = new List<AlertChange>();
            var next = new AlertState { SentAt = now.ToUniversalTime(), MinimumStatus = minimum };
            var seen = new HashSet<string>();

            var subjects = new List<Subject>();
            foreach (var r in list)
            {
                var own = Reporting.HealthReport.FindingsOf(r).Where(f => !Reporting.HealthReport.IsTenantFinding(r, f)).ToList();
                subjects.Add(new Subject(r.TenantId, r.TokenId, r.TokenName, Reporting.HealthReport.Label(r), StatusOf(own), own,
                    own.Any(f => f.Code == HealthFindingCodes.CheckIncomplete), isTenant: false));
            }
            foreach (var group in list.SelectMany(r => Reporting.HealthReport.FindingsOf(r).Where(f => Reporting.HealthReport.IsTenantFinding(r, f)).Select(f => (r, f)))
                .GroupBy(x => Keys.Of(x.r.TenantId, x.f.Target!)))
            {
                var first = group.First();
                var findings = group.Select(x => x.f).ToList();
                subjects.Add(new Subject(first.r.TenantId, first.f.Target!, null, TargetName(first.r, first.f.Target!), StatusOf(findings), findings, false, isTenant: true));
            }

            foreach (var subject in subjects)
            {
                var key = Keys.Of(subject.TenantId, subject.Id);
                if (!seen.Add(key)) continue;
                prev.TryGetValue(key, out var before);
                var name = subject.Label;
                var codes = subject.Findings.Where(f => f.Severity >= FindingSeverity.Warning).Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList();
                var status = subject.Status;
                if (subject.Incomplete && before != null)
                {
                    if (before.Status > status) status = before.Status;
                    codes = codes.Union(before.Codes, StringComparer.Ordinal).ToList();
                }
                codes.Sort(StringComparer.Ordinal);
                var tracked = status >= minimum;
                if (tracked)
                    next.Tokens.Add(new AlertStateEntry { TenantId = subject.TenantId, TokenId = subject.Id, TokenName = subject.Name ?? (subject.IsTenant ? name : null), Status = status, Codes = codes.ToArray(), Scope = subject.IsTenant ? TenantScope : null });

                if (before is null)
                {
                    if (tracked) changes.Add(Change(AlertChangeKind.NewProblem, subject, name, null, status, codes, $"New: {Q(name)} is {status} ({Join(codes)})."));
                    continue;
                }
                if (!tracked)
                {
                    var now2 = status == HealthStatus.Healthy ? "is Healthy again" : $"is {status}, below the alert's minimum of {minimum}";
                    changes.Add(Change(AlertChangeKind.Resolved, subject, name, before.Status, status, before.Codes,
                        $"Resolved: {Q(name)} {now2} (was {before.Status}: {Join(before.Codes)})."));
                    continue;
                }
                var added = codes.Except(before.Codes, StringComparer.Ordinal).ToArray();
                var gone = before.Codes.Except(codes, StringComparer.Ordinal).ToArray();
                if (status > before.Status)
                    changes.Add(Change(AlertChangeKind.Worse, subject, name, before.Status, status, added,
                        $"Worse: {Q(name)} went from {before.Status} to {status}{(added.Length > 0 ? " (new: " + Join(added) + ")" : string.Empty)}."));
                else if (added.Length > 0)
                    changes.Add(Change(AlertChangeKind.NewProblem, subject, name, before.Status, status, added,
                        subject.Incomplete && added.Contains(HealthFindingCodes.CheckIncomplete)
                            ? $"New: the check of {Q(name)} did not complete ({Join(added)}); its earlier problems stay open until a full check clears them."
                            : $"New: {Q(name)} also has {Join(added)} (still {status})."));
                if (status < before.Status || gone.Length > 0)
                    changes.Add(Change(AlertChangeKind.Resolved, subject, name, before.Status, status, gone,
                        status < before.Status
                            ? $"Resolved: {Q(name)} went from {before.Status} to {status}{(gone.Length > 0 ? " (cleared: " + Join(gone) + ")" : string.Empty)}."
                            : $"Resolved: {Q(name)} no longer has {Join(gone)} (still {status}: {Join(codes)})."));
            }

            foreach (var kept in prev.Values.Where(p => !seen.Contains(p.Key)))
            {
                // A tenant target with no finding this run is resolved only if this run looked at it.
                if (kept.Scope == TenantScope && Checked(list, kept))
                {
                    changes.Add(new AlertChange
                    {
                        Kind = AlertChangeKind.Resolved, TenantId = kept.TenantId, TokenId = kept.TokenId, TokenName = kept.TokenName ?? kept.TokenId,
                        PreviousStatus = kept.Status, Status = HealthStatus.Healthy, Codes = kept.Codes,
                        Text = $"Resolved: {Q(kept.TokenName ?? kept.TokenId)} is Healthy again (was {kept.Status}: {Join(kept.Codes)}).",
                    });
                    continue;
                }
                next.Tokens.Add(kept);
            }
            return (changes, next);
        }

        internal const string TenantScope = "Tenant";

        private sealed class Subject
        {
            public Subject(string? tenantId, string id, string? name, string label, HealthStatus status, List<HealthFinding> findings, bool incomplete, bool isTenant)
            {
                TenantId = tenantId; Id = id; Name = name; Label = label; Status = status; Findings = findings; Incomplete = incomplete; IsTenant = isTenant;
            }
            public string? TenantId { get; }
            public string Id { get; }
            public string? Name { get; }
            public string Label { get; }
            public HealthStatus Status { get; }
            public List<HealthFinding> Findings { get; }
            public bool Incomplete { get; }
            public bool IsTenant { get; }
        }

        private static HealthStatus StatusOf(IEnumerable<HealthFinding> findings)
        {
            var s = HealthStatus.Healthy;
            foreach (var f in findings)
            {
                if (f.Severity == FindingSeverity.Critical) return HealthStatus.Critical;
                if (f.Severity == FindingSeverity.Warning) s = HealthStatus.Warning;
            }
            return s;
        }

        private static string TargetName(HealthResult r, string target)
        {
            if (string.Equals(target, ApnsRules.Target, StringComparison.OrdinalIgnoreCase)) return "Apple MDM push certificate";
            var v = r.Tenant?.VppTokens?.FirstOrDefault(t => t != null && string.Equals(t.Id, target, StringComparison.OrdinalIgnoreCase));
            return "VPP token " + (v is null ? target : string.IsNullOrWhiteSpace(v.DisplayName) ? v.Id : v.DisplayName!);
        }

        private static bool Checked(IEnumerable<HealthResult> results, AlertStateEntry entry)
        {
            var apns = string.Equals(entry.TokenId, ApnsRules.Target, StringComparison.OrdinalIgnoreCase);
            return results.Any(r => string.Equals(r.TenantId ?? string.Empty, entry.TenantId ?? string.Empty, StringComparison.OrdinalIgnoreCase)
                && r.Tenant != null && (apns ? r.Tenant.ApnsChecked : r.Tenant.VppChecked)
                && !Reporting.HealthReport.FindingsOf(r).Any(f => f.Code == HealthFindingCodes.CheckIncomplete));
        }

        private static AlertChange Change(AlertChangeKind kind, Subject r, string name, HealthStatus? before, HealthStatus status, IEnumerable<string> codes, string text) => new AlertChange
        {
            Kind = kind,
            TenantId = r.TenantId,
            TokenId = r.Id,
            TokenName = name,
            PreviousStatus = before,
            Status = status,
            Codes = codes.ToArray(),
            Text = text,
        };

        private static string Q(string name) => "'" + name + "'";

        private static string Join(IEnumerable<string> codes)
        {
            var s = string.Join(", ", codes);
            return s.Length == 0 ? "no findings" : s;
        }
    }
}
