using System;
using System.Linq;
using System.Text.Json;
using AdeTokens.Alerts;
using AdeTokens.Health;
using AdeTokens.Tests.Reporting;
using Xunit;

namespace AdeTokens.Tests.Alerts
{
    public class AlertStateTests
    {
        private static HealthResult[] Run() => ReportData.Mixed();

        [Fact]
        public void Ten_identical_runs_change_once()
        {
            AlertState? state = null;
            var sent = 0;
            for (var i = 0; i < 10; i++)
            {
                var (changes, next) = AlertState.Compare(state, Run(), HealthStatus.Warning, ReportData.At.AddDays(i));
                if (changes.Count > 0)
                {
                    sent++;
                    state = AlertState.Parse(next.ToJson());
                }
            }
            Assert.Equal(1, sent);
            Assert.Equal(2, state!.Tokens.Count);
        }

        [Fact]
        public void First_run_reports_each_open_problem_as_new()
        {
            var (changes, _) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            Assert.Equal(new[] { AlertChangeKind.NewProblem, AlertChangeKind.NewProblem }, changes.Select(c => c.Kind));
            Assert.Equal("New: 'Expired ASM' is Critical (SyncFailed, TokenExpired).", changes[0].Text);
        }

        [Fact]
        public void A_token_that_recovers_is_resolved()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            var fixedRun = Run();
            fixedRun[2].Status = HealthStatus.Healthy;
            fixedRun[2].Findings = Array.Empty<HealthFinding>();
            var (changes, next) = AlertState.Compare(state, fixedRun, HealthStatus.Warning, ReportData.At.AddDays(1));
            var c = Assert.Single(changes);
            Assert.Equal(AlertChangeKind.Resolved, c.Kind);
            Assert.Equal("Resolved: 'Expired ASM' is Healthy again (was Critical: SyncFailed, TokenExpired).", c.Text);
            Assert.DoesNotContain(next.Tokens, t => t.TokenId == "id-Expired ASM");
        }

        [Fact]
        public void Worse_status_and_new_findings_and_cleared_findings_are_changes()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            var run = Run();
            run[1].Status = HealthStatus.Critical;
            run[1].Findings = new[] { ReportData.Finding(HealthFindingCodes.TokenExpired, FindingSeverity.Critical) };
            run[2].Findings = run[2].Findings.Take(1).ToArray();
            var (changes, _) = AlertState.Compare(state, run, HealthStatus.Warning, ReportData.At.AddDays(1));
            Assert.Contains(changes, c => c.Kind == AlertChangeKind.Worse && c.TokenName == "Warn ABM" && c.Text == "Worse: 'Warn ABM' went from Warning to Critical (new: TokenExpired).");
            Assert.Contains(changes, c => c.Kind == AlertChangeKind.Resolved && c.TokenName == "Warn ABM" && c.Codes.SequenceEqual(new[] { HealthFindingCodes.TokenExpiringSoon }));
            Assert.Contains(changes, c => c.Kind == AlertChangeKind.Resolved && c.TokenName == "Expired ASM" && c.Text == "Resolved: 'Expired ASM' no longer has SyncFailed (still Critical: TokenExpired).");
        }

        [Fact]
        public void A_token_whose_check_did_not_complete_is_never_resolved()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Critical, ReportData.At);
            var run = Run();
            // The Graph read failed: the token now shows only CheckIncomplete (a Warning), below the Critical minimum.
            run[2].Status = HealthStatus.Warning;
            run[2].Findings = new[] { ReportData.Finding(HealthFindingCodes.CheckIncomplete, FindingSeverity.Warning) };
            var (changes, next) = AlertState.Compare(state, run, HealthStatus.Critical, ReportData.At.AddDays(1));
            Assert.DoesNotContain(changes, c => c.Kind == AlertChangeKind.Resolved);
            var c = Assert.Single(changes);
            Assert.Equal(AlertChangeKind.NewProblem, c.Kind);
            Assert.Contains("did not complete", c.Text);
            var kept = Assert.Single(next.Tokens);
            Assert.Equal(HealthStatus.Critical, kept.Status);
            Assert.Equal(new[] { HealthFindingCodes.CheckIncomplete, HealthFindingCodes.SyncFailed, HealthFindingCodes.TokenExpired }, kept.Codes);

            // Still incomplete the next day: nothing new, nothing resolved.
            var (again, _) = AlertState.Compare(AlertState.Parse(next.ToJson()), run, HealthStatus.Critical, ReportData.At.AddDays(2));
            Assert.Empty(again);
        }

        [Fact]
        public void A_tenant_wide_problem_is_one_change_not_one_per_token_and_resolves_only_when_checked()
        {
            HealthResult[] WithApns(bool expiring, bool checkedApns)
            {
                var run = Run();
                foreach (var r in run)
                {
                    r.Tenant = checkedApns ? TenantFacts.FromApns(true, ReportData.At.AddDays(expiring ? 5 : 300), "a@contoso.com") : new TenantFacts();
                    if (expiring)
                        r.Findings = r.Findings.Concat(new[] { new HealthFinding { Code = HealthFindingCodes.ApnsCertificateExpiringSoon, Severity = FindingSeverity.Critical, Target = "applePushNotificationCertificate", Message = "m" } }).ToArray();
                }
                return run;
            }
            var (first, state) = AlertState.Compare(null, WithApns(expiring: true, checkedApns: true), HealthStatus.Warning, ReportData.At);
            Assert.Equal(3, first.Count);
            Assert.Contains(first, c => c.Text == "New: 'Apple MDM push certificate' is Critical (ApnsCertificateExpiringSoon).");
            Assert.DoesNotContain(first, c => c.TokenName == "Healthy ABM");
            // The APNs lookup failed this run: not resolved, kept.
            var (unknown, kept) = AlertState.Compare(AlertState.Parse(state.ToJson()), WithApns(expiring: false, checkedApns: false), HealthStatus.Warning, ReportData.At.AddDays(1));
            Assert.Empty(unknown);
            var (renewed, _) = AlertState.Compare(kept, WithApns(expiring: false, checkedApns: true), HealthStatus.Warning, ReportData.At.AddDays(2));
            var c = Assert.Single(renewed);
            Assert.Equal("Resolved: 'Apple MDM push certificate' is Healthy again (was Critical: ApnsCertificateExpiringSoon).", c.Text);
        }

        [Fact]
        public void Tokens_missing_from_a_run_are_kept_and_not_resolved()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            var (changes, next) = AlertState.Compare(state, Run().Take(1), HealthStatus.Warning, ReportData.At.AddDays(1));
            Assert.Empty(changes);
            Assert.Equal(2, next.Tokens.Count);
        }

        [Fact]
        public void State_round_trips_and_refuses_garbage()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            var json = state.ToJson();
            var back = AlertState.Parse(json);
            Assert.Equal(json, back.ToJson());
            Assert.Equal(ReportData.At, back.SentAt);
            Assert.Throws<FormatException>(() => AlertState.Parse("not json"));
            Assert.Throws<FormatException>(() => AlertState.Parse("{\"tokens\":[]}"));
            Assert.Throws<FormatException>(() => AlertState.Parse("{\"version\":99,\"tokens\":[]}"));
            Assert.Throws<FormatException>(() => AlertState.Parse("{\"version\":1,\"tokens\":[{\"tokenId\":\"x\",\"status\":\"Bad\"}]}"));
        }

        [Fact]
        public void Card_and_mail_say_what_changed()
        {
            var (changes, _) = AlertState.Compare(null, Run(), HealthStatus.Warning, ReportData.At);
            var s = AlertSelection.Select(Run(), HealthStatus.Warning, ReportData.At).WithChanges(changes, null);
            Assert.Equal("[AdeTokens] Critical: 2 ADE tokens need attention (2 new since the last alert)", s.Subject);
            using var doc = JsonDocument.Parse(TeamsCard.Build(s));
            var body = doc.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
            var block = body.EnumerateArray().Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "changes");
            var lines = block.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToList();
            Assert.Equal("Changed since the last alert", lines[0]);
            Assert.Equal("• New: 'Expired ASM' is Critical (SyncFailed, TokenExpired).", lines[1]);
            var containers = body.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container" && !e.TryGetProperty("id", out _)).ToList();
            Assert.Equal("Expired ASM", containers[0].GetProperty("items")[0].GetProperty("text").GetString());
            var mail = AlertMail.Build(s, new[] { "ops@contoso.com" });
            Assert.Contains("<strong>Changed since the last alert</strong>", mail.Message!.Body!.Content);
            Assert.Contains("<li>New: &#39;Expired ASM&#39; is Critical (SyncFailed, TokenExpired).</li>", mail.Message.Body.Content);
        }

        [Fact]
        public void A_resolved_only_alert_is_a_resolved_notice()
        {
            var (_, state) = AlertState.Compare(null, Run(), HealthStatus.Critical, ReportData.At);
            var run = Run();
            run[2].Status = HealthStatus.Healthy;
            run[2].Findings = Array.Empty<HealthFinding>();
            var (changes, _) = AlertState.Compare(state, run, HealthStatus.Critical, ReportData.At.AddDays(1));
            var s = AlertSelection.Select(run, HealthStatus.Critical, ReportData.At).WithChanges(changes, ReportData.At);
            Assert.False(s.HasAlert);
            Assert.Equal("[AdeTokens] Resolved: no ADE token is at or above Critical any more (1 resolved since the last alert)", s.Subject);
            using var doc = JsonDocument.Parse(TeamsCard.Build(s));
            var texts = doc.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray()
                .SelectMany(e => e.TryGetProperty("items", out var items) ? items.EnumerateArray().ToArray() : new[] { e })
                .Select(e => e.GetProperty("text").GetString()).ToList();
            Assert.Equal("Resolved: no ADE token is at or above Critical any more (1 resolved since the last alert)", texts[0]);
            Assert.Contains("• Resolved: 'Expired ASM' is Healthy again (was Critical: SyncFailed, TokenExpired).", texts);
        }
    }

    public class AlertMailSizeTests
    {
        private static HealthResult Big(int i, int messageLength) => ReportData.Result("Token " + i, HealthStatus.Critical, 3,
            ReportData.Finding(HealthFindingCodes.SyncFailed, FindingSeverity.Critical, new string('x', messageLength)));

        [Fact]
        public void A_normal_mail_is_the_full_report_well_within_the_limit()
        {
            var s = AlertSelection.Select(ReportData.Mixed(), HealthStatus.Warning, ReportData.At);
            var body = AlertMail.Build(s, new[] { "ops@contoso.com" });
            Assert.Contains("<svg", body.Message!.Body!.Content);
            Assert.InRange(AlertMail.RequestBytes(body), 1000, 100_000);
        }

        [Fact]
        public void Too_large_a_report_falls_back_to_the_compact_one_under_the_limit()
        {
            // 600 tokens whose steps and messages (in the full report only) push it past the budget.
            var results = Enumerable.Range(0, 600).Select(i => Big(i, 20)).ToArray();
            foreach (var r in results) r.Findings[0].Remediation = new[] { new string('s', 6000) };
            var s = AlertSelection.Select(results, HealthStatus.Warning, ReportData.At);
            var body = AlertMail.Build(s, new[] { "ops@contoso.com" });
            Assert.Contains("id=\"compact-note\"", body.Message!.Body!.Content);
            Assert.DoesNotContain("<svg", body.Message.Body.Content);
            Assert.True(AlertMail.RequestBytes(body) <= AlertMail.MaxRequestBytes);
        }

        [Fact]
        public void Even_the_compact_report_too_large_is_an_error_not_a_413()
        {
            var results = Enumerable.Range(0, 3000).Select(i => Big(i, 10)).ToArray();
            foreach (var r in results) r.TokenName = new string('n', 1200) + r.TokenName;
            var s = AlertSelection.Select(results, HealthStatus.Warning, ReportData.At);
            var e = Assert.Throws<AlertMailTooLargeException>(() => AlertMail.Build(s, new[] { "ops@contoso.com" }));
            Assert.True(e.Size > AlertMail.MaxRequestBytes);
        }
    }
}
