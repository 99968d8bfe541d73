using System.Collections.Generic;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using AdeTokens.Profiles;
using Xunit;

namespace AdeTokens.Tests.Health
{
    public class HealthCheckEngineTests
    {
        private static EnrollmentProfile P(string type, bool? isDefault) => new EnrollmentProfile { Id = type + isDefault, OdataType = "#microsoft.graph." + type, IsDefault = isDefault };

        // The warm-up swallows its failures (a warm-up must never fail a run), so this is what notices when a model or a
        // rule change leaves its canned token unparsed or unjudged and the warm-up silently compiling nothing.
        [Fact]
        public async System.Threading.Tasks.Task TheFirstRunWarmUpParsesAndJudgesItsCannedToken()
        {
            Assert.True(await ColdStart.WarmAsync());
            ColdStart.Begin();
            ColdStart.Begin();
        }

        [Fact]
        public void ADefaultSaidByIsDefaultNeedsNoNavigationRead()
        {
            var profiles = new List<EnrollmentProfile> { P("depIOSEnrollmentProfile", true), P("depIOSEnrollmentProfile", false), P("depMacOSEnrollmentProfile", false) };
            Assert.Empty(DefaultProfileLookup.AmbiguousPlatforms(profiles));
        }

        [Fact]
        public void AProfileThatDoesNotSayMakesItsPlatformAmbiguous()
        {
            var profiles = new List<EnrollmentProfile> { P("depIOSEnrollmentProfile", null), P("depTvOSEnrollmentProfile", false), P("depVisionOSEnrollmentProfile", null) };
            Assert.Equal(new[] { "iOS", "visionOS" }, DefaultProfileLookup.AmbiguousPlatforms(profiles));
        }

        [Fact]
        public void AProfileOfUnknownPlatformMakesEveryUnsettledPlatformAmbiguous()
        {
            var profiles = new List<EnrollmentProfile> { new EnrollmentProfile { Id = "x", OdataType = "#microsoft.graph.enrollmentProfile" }, P("depMacOSEnrollmentProfile", true) };
            Assert.Equal(new[] { "iOS", "tvOS", "visionOS" }, DefaultProfileLookup.AmbiguousPlatforms(profiles));
        }

        [Fact]
        public void NoProfilesMeansNoDefaultsAndNothingToRead()
        {
            Assert.Empty(DefaultProfileLookup.AmbiguousPlatforms(new List<EnrollmentProfile>()));
            var facts = ProfileFacts.FromProfiles(new List<EnrollmentProfile>(), (IReadOnlyDictionary<string, string?>?)null);
            foreach (var p in ProfileFacts.Platforms) Assert.False(facts.HasDefault(p));
        }

        [Fact]
        public void DefaultsComeFromIsDefaultOrFromTheNavigationForAllFourPlatforms()
        {
            var profiles = new List<EnrollmentProfile> { P("depTvOSEnrollmentProfile", true), P("depVisionOSEnrollmentProfile", null) };
            var facts = ProfileFacts.FromProfiles(profiles, new Dictionary<string, string?> { ["visionOS"] = "depVisionOSEnrollmentProfile", ["iOS"] = null });
            Assert.True(facts.HasDefault("tvOS"));
            Assert.True(facts.HasDefault("visionOS"));
            Assert.False(facts.HasDefault("iOS"));
            Assert.False(facts.HasDefault("macOS"));
        }

        [Fact]
        public void AnIncompleteCheckIsNeverHealthy()
        {
            var token = new TokenStatus { Id = "t1", Name = "Fine", ExpirationDateTime = System.DateTimeOffset.UtcNow.AddDays(200), LastSuccessfulSyncDateTime = System.DateTimeOffset.UtcNow.AddHours(-1), DataSharingConsentGranted = true, LastSyncErrorCode = 0 };
            var clean = HealthEvaluator.Evaluate(token, System.DateTimeOffset.UtcNow);
            Assert.Equal(HealthStatus.Healthy, clean.Status);
            var incomplete = HealthEvaluator.Evaluate(token, System.DateTimeOffset.UtcNow, incompleteChecks: new[] { "its devices could not be read (HTTP 503, request-id abc)" });
            Assert.Equal(HealthStatus.Warning, incomplete.Status);
            var f = Assert.Single(incomplete.Findings, x => x.Code == HealthFindingCodes.CheckIncomplete);
            Assert.Contains("request-id abc", f.Message);
            Assert.Equal("t1", f.Target);
        }
    }
}
