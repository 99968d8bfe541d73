using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// One JSON object: schemaVersion, the summary, the ADE tokens most urgent first (each with its findings) and
    /// the Apple tokens. docs/report-schema.json describes it. Property names are camelCase and stable; enums are
    /// their names; dates are ISO 8601 UTC (yyyy-MM-ddTHH:mm:ssZ); missing values are null, never left out.
    /// </summary>
    public static class JsonReportRenderer
    {
        /// <summary>
        /// The version of docs/report-schema.json this output follows. The major part changes only when a property is
        /// removed, renamed or retyped; added properties raise the minor part.
        /// </summary>
        public const string SchemaVersion = "1.0";

        private static readonly JsonWriterOptions s_options = new JsonWriterOptions
        {
            Indented = true,
            // The default encoder escapes < > & ' as \u003C..., which keeps the JSON safe to embed in a page.
            Encoder = JavaScriptEncoder.Default,
        };

        /// <summary>The report's results as a JSON array.</summary>
        public static string Render(HealthReport report)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, s_options))
            {
                w.WriteStartObject();
                w.WriteString("schemaVersion", SchemaVersion);
                w.WriteString("title", report.Title);
                w.WriteString("generatedAt", InvariantText.Iso(report.GeneratedAt));
                w.WriteString("asOf", InvariantText.Iso(report.AsOf));
                w.WriteString("generator", "AdeTokens " + ModuleInfo.Version);
                w.WriteStartArray("tenantIds");
                foreach (var t in report.TenantIds) w.WriteStringValue(t);
                w.WriteEndArray();
                w.WriteStartObject("summary");
                w.WriteNumber("total", report.Results.Count);
                w.WriteNumber("critical", report.Critical);
                w.WriteNumber("warning", report.Warning);
                w.WriteNumber("healthy", report.Healthy);
                w.WriteString("highestStatus", report.HighestStatus.ToString());
                w.WritePropertyName("nextExpiry");
                var next = report.NextExpiry;
                if (next is null) w.WriteNullValue(); else WriteItem(w, next);
                w.WriteEndObject();
                w.WriteStartArray("tokens");
                foreach (var r in report.Results) WriteResult(w, r);
                w.WriteEndArray();
                w.WriteStartArray("appleTokens");
                foreach (var i in report.AppleTokens) WriteItem(w, i);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static void WriteResult(Utf8JsonWriter w, HealthResult r)
        {
            w.WriteStartObject();
            Str(w, "tenantId", r.TenantId);
            Str(w, "tokenId", r.TokenId);
            Str(w, "tokenName", r.TokenName);
            Str(w, "appleId", r.AppleId);
            w.WriteString("status", r.Status.ToString());
            if (r.DaysUntilExpiry.HasValue) w.WriteNumber("daysUntilExpiry", r.DaysUntilExpiry.Value); else w.WriteNull("daysUntilExpiry");
            Date(w, "expirationDateTime", r.ExpirationDateTime);
            Date(w, "lastSuccessfulSyncDateTime", r.LastSuccessfulSyncDateTime);
            Date(w, "evaluatedAt", r.EvaluatedAt == default ? (DateTimeOffset?)null : r.EvaluatedAt);
            w.WriteStartArray("findings");
            foreach (var f in HealthReport.FindingsOf(r))
            {
                w.WriteStartObject();
                Str(w, "code", f.Code);
                w.WriteString("severity", f.Severity.ToString());
                Str(w, "message", f.Message);
                w.WriteStartArray("remediation");
                foreach (var s in f.Remediation ?? Array.Empty<string>()) w.WriteStringValue(s);
                w.WriteEndArray();
                Str(w, "helpUri", f.HelpUri);
                Str(w, "target", f.Target);
                Str(w, "evidence", f.Evidence);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteItem(Utf8JsonWriter w, ReportItem i)
        {
            w.WriteStartObject();
            w.WriteString("kind", i.Kind.ToString());
            Str(w, "id", i.Id);
            Str(w, "name", i.Name);
            Str(w, "tenantId", i.TenantId);
            Str(w, "state", i.State);
            w.WriteString("status", i.Status.ToString());
            if (i.DaysUntilExpiry.HasValue) w.WriteNumber("daysUntilExpiry", i.DaysUntilExpiry.Value); else w.WriteNull("daysUntilExpiry");
            Date(w, "expirationDateTime", i.ExpirationDateTime);
            Str(w, "appleId", i.AppleId);
            w.WriteEndObject();
        }

        private static void Str(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null) w.WriteNull(name); else w.WriteString(name, value);
        }

        private static void Date(Utf8JsonWriter w, string name, DateTimeOffset? value)
        {
            if (value.HasValue) w.WriteString(name, InvariantText.Iso(value.Value)); else w.WriteNull(name);
        }
    }
}
