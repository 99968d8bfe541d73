using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Renewal;
using AdeTokens.Tests.Renewal;
using Xunit;
using static AdeTokens.Tests.Remediation.RemediationTestData;

namespace AdeTokens.Tests.Remediation
{
    public sealed class TokenRenewalTests : IDisposable
    {
        private readonly RenewalTempFolder _dir = new RenewalTempFolder();
        private readonly List<string> _calls = new List<string>();
        private DepOnboardingSetting? _token = Token(expiry: T0.AddDays(10));
        private X509Certificate2 _key = RenewalTestData.Intune;
        private DateTimeOffset? _expiryAfterUpload = T0.AddDays(375);
        private int _readsBeforeVisible;
        private string? _uploadedAppleId;
        private string? _uploadedText;

        public void Dispose() => _dir.Dispose();

        private TokenRenewal Renewal(FakePollClock? clock = null) => new TokenRenewal(
            (id, ct) =>
            {
                _calls.Add("GET token");
                if (_token != null && _uploadedText != null && _readsBeforeVisible-- <= 0) _token.TokenExpirationDateTime = _expiryAfterUpload;
                return Task.FromResult(_token);
            },
            (id, ct) =>
            {
                _calls.Add("GET key");
                return Task.FromResult(_key.ExportCertificatePem());
            },
            (id, appleId, text, ct) =>
            {
                _calls.Add("POST upload");
                _uploadedAppleId = appleId;
                _uploadedText = text;
                return Task.CompletedTask;
            },
            clock ?? new FakePollClock(T0));

        private string TokenFile(X509Certificate2? recipient = null)
        {
            var path = _dir.File(Guid.NewGuid().ToString("N") + "_smime.p7m");
            File.WriteAllText(path, RenewalTestData.Smime(RenewalTestData.Encrypt(recipient ?? RenewalTestData.Intune)));
            return path;
        }

        [Fact]
        public async Task UploadsWithTheTokensOwnAppleIdAndReportsTheNewExpiry()
        {
            var path = TokenFile();
            var renewal = Renewal();
            var plan = await renewal.PrepareAsync("tok-1", path, null, false, CancellationToken.None);
            Assert.Equal(new[] { "GET token", "GET key" }, _calls);
            Assert.Equal("ade-admin@contoso.com", plan.AppleId);
            Assert.Empty(plan.Warnings);
            Assert.Contains("Intune DEP Token Test", plan.RecipientCheck);

            var result = await renewal.ApplyAsync(plan, "tenant-1", CancellationToken.None);
            Assert.Equal("ade-admin@contoso.com", _uploadedAppleId);
            Assert.Equal(File.ReadAllText(path), _uploadedText);
            Assert.Equal(T0.AddDays(10), result.PreviousExpirationDateTime);
            Assert.Equal(T0.AddDays(375), result.ExpirationDateTime);
            Assert.Equal(375, result.DaysUntilExpiry);
            Assert.Equal("tenant-1", result.Token!.TenantId);
            Assert.Equal(path, result.TokenFile);
            Assert.Equal(RenewalSyncState.NotRequested, result.Sync);
        }

        [Fact]
        public async Task AFileProblemIsFoundBeforeAnyGraphCall()
        {
            var path = _dir.File("empty.p7m");
            File.WriteAllText(path, string.Empty);
            var e = await Assert.ThrowsAsync<ServerTokenException>(() => Renewal().PrepareAsync("tok-1", path, null, false, CancellationToken.None));
            Assert.Equal(ServerTokenErrorIds.TokenFileEmpty, e.ErrorId);
            Assert.Empty(_calls);
        }

        [Fact]
        public async Task AMissingTokenIsTokenNotFound()
        {
            _token = null;
            var e = await Assert.ThrowsAsync<RemediationException>(() => Renewal().PrepareAsync("tok-1", TokenFile(), null, false, CancellationToken.None));
            Assert.Equal(RemediationErrorIds.TokenNotFound, e.ErrorId);
            Assert.Equal("tok-1", e.Target);
        }

        [Fact]
        public async Task AFileForAnotherServerIsRefusedEvenWithForce()
        {
            var e = await Assert.ThrowsAsync<ServerTokenException>(() => Renewal().PrepareAsync("tok-1", TokenFile(RenewalTestData.Other), null, true, CancellationToken.None));
            Assert.Equal(ServerTokenErrorIds.TokenRecipientMismatch, e.ErrorId);
            Assert.DoesNotContain("POST upload", _calls);
        }

        [Fact]
        public async Task ADifferentAppleIdNeedsForceAndIsCheckedBeforeTheKey()
        {
            var e = await Assert.ThrowsAsync<RemediationException>(() => Renewal().PrepareAsync("tok-1", TokenFile(), "someone@fabrikam.com", false, CancellationToken.None));
            Assert.Equal(RemediationErrorIds.AppleIdMismatch, e.ErrorId);
            Assert.Equal(RemediationErrorKind.InvalidArgument, e.Kind);
            Assert.Equal("someone@fabrikam.com", e.Target);
            Assert.Contains("ade-admin@contoso.com", e.Message);
            Assert.Equal(new[] { "GET token" }, _calls);

            var plan = await Renewal().PrepareAsync("tok-1", TokenFile(), "someone@fabrikam.com", true, CancellationToken.None);
            Assert.True(plan.AppleIdDiffers);
            Assert.Equal("someone@fabrikam.com", plan.AppleId);
            Assert.Contains(plan.Warnings, w => w.Contains("-Force"));
        }

        [Fact]
        public void TheSameAppleIdInAnotherCaseIsTheSame()
        {
            Assert.Empty(TokenRenewal.CheckAppleId(Token(), " ADE-Admin@Contoso.com ", false));
        }

        [Theory]
        [InlineData("not-an-apple-id")]
        [InlineData("two@at@signs.com")]
        [InlineData("no-dot@localhost")]
        public void AnAppleIdMustLookLikeOne(string appleId)
        {
            var e = Assert.Throws<RemediationException>(() => TokenRenewal.CheckAppleId(Token(), appleId, true));
            Assert.Equal(RemediationErrorIds.AppleIdInvalid, e.ErrorId);
        }

        [Fact]
        public void ATokenWithoutAppleIdNeedsOne()
        {
            var e = Assert.Throws<RemediationException>(() => TokenRenewal.CheckAppleId(Token(appleId: null), null, false));
            Assert.Equal(RemediationErrorIds.AppleIdRequired, e.ErrorId);
            Assert.Empty(TokenRenewal.CheckAppleId(Token(appleId: null), "new@contoso.com", false));
        }

        [Fact]
        public async Task AnExpiryThatDidNotMoveIsNotYetVisibleAfterTheWholeWait()
        {
            _expiryAfterUpload = T0.AddDays(10);
            var clock = new FakePollClock(T0);
            var renewal = Renewal(clock);
            Assert.Equal(TimeSpan.FromMinutes(5), renewal.ConfirmTimeout);
            var plan = await renewal.PrepareAsync("tok-1", TokenFile(), null, false, CancellationToken.None);
            var e = await Assert.ThrowsAsync<RemediationException>(() => renewal.ApplyAsync(plan, null, CancellationToken.None));
            Assert.Equal(RemediationErrorIds.RenewalNotApplied, e.ErrorId);
            Assert.Equal(RemediationErrorKind.InvalidResult, e.Kind);
            Assert.Contains("2026-03-11 12:00:00 UTC", e.Message);
            Assert.Contains("not yet visible", e.Message);
            Assert.DoesNotContain("older server token", e.Message);
            // The default wait: a read every 10 s for 5 minutes (31 reads, 30 delays), never past the timeout.
            Assert.Equal(31, _calls.Count(c => c == "GET token") - 1);
            Assert.Equal(30, clock.Delays.Count);
            Assert.True(clock.Delays.Aggregate(TimeSpan.Zero, (a, d) => a + d) <= renewal.ConfirmTimeout);
        }

        [Fact]
        public async Task AZeroWaitReadsOnce()
        {
            _expiryAfterUpload = T0.AddDays(10);
            var clock = new FakePollClock(T0);
            var renewal = Renewal(clock);
            renewal.ConfirmTimeout = TimeSpan.Zero;
            var plan = await renewal.PrepareAsync("tok-1", TokenFile(), null, false, CancellationToken.None);
            await Assert.ThrowsAsync<RemediationException>(() => renewal.ApplyAsync(plan, null, CancellationToken.None));
            Assert.Equal(1, _calls.Count(c => c == "GET token") - 1);
            Assert.Empty(clock.Delays);
        }

        [Fact]
        public async Task ANewExpiryThatShowsUpOnASecondReadIsAccepted()
        {
            _readsBeforeVisible = 1;
            var renewal = Renewal();
            var plan = await renewal.PrepareAsync("tok-1", TokenFile(), null, false, CancellationToken.None);
            _readsBeforeVisible = 1;
            var result = await renewal.ApplyAsync(plan, null, CancellationToken.None);
            Assert.Equal(T0.AddDays(375), result.ExpirationDateTime);
        }

        [Fact]
        public async Task AGraphRefusalOfTheUploadPropagates()
        {
            var renewal = new TokenRenewal(
                (id, ct) => Task.FromResult<DepOnboardingSetting?>(Token()),
                (id, ct) => Task.FromResult(RenewalTestData.Intune.ExportCertificatePem()),
                (id, a, t, ct) => throw new AdeGraphException("rejected", GraphFailureKind.InvalidRequest));
            var plan = await renewal.PrepareAsync("tok-1", TokenFile(), null, false, CancellationToken.None);
            await Assert.ThrowsAsync<AdeGraphException>(() => renewal.ApplyAsync(plan, null, CancellationToken.None));
        }

        [Fact]
        public void TheGuideWarnsThatDownloadingInvalidatesTheToken()
        {
            Assert.Contains("invalidates", RenewalGuide.DownloadInvalidatesWarning);
            var steps = RenewalGuide.AbmSteps("ADE token 'Contoso' (tok-1)", "/tmp/key.pem", "/tmp/token.p7m");
            Assert.Contains(steps, s => s.Contains("Upload Public Key") && s.Contains("/tmp/key.pem"));
            Assert.Contains(steps, s => s.Contains("/tmp/token.p7m"));
            Assert.StartsWith("  1. ", RenewalGuide.Numbered(steps).First());
        }
    }
}
