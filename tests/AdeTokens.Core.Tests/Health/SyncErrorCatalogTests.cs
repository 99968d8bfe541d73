using System;
using System.IO;
using System.Linq;
using AdeTokens.Health;
using Xunit;

namespace AdeTokens.Tests.Health
{
    public class SyncErrorCatalogTests
    {
        private static readonly SyncErrorCatalog Catalog = SyncErrorCatalog.Load();

        [Fact]
        public void LoadReadsTheEmbeddedResourceOnce()
            => Assert.Same(SyncErrorCatalog.Load(), SyncErrorCatalog.Load());

        [Fact]
        public void HoldsMicrosoftsElevenDocumentedErrors()
        {
            Assert.Equal(new[]
            {
                "Expired or invalid token", "Access denied", "Terms and conditions not accepted", "Internal server error",
                "Invalid support phone number", "Invalid configuration profile name", "Invalid cursor", "Cursor expired",
                "Required cursor", "Apple profile not found", "Invalid department entry",
            }, Catalog.Errors.Select(e => e.Message));
            Assert.All(Catalog.Errors, e =>
            {
                Assert.StartsWith("https://learn.microsoft.com/", e.HelpUri);
                Assert.NotEmpty(e.Fix);
                Assert.False(string.IsNullOrWhiteSpace(e.FixableBy));
                Assert.Equal(SyncErrorEvidence.Documented, e.Source.Level);
                Assert.NotNull(e.Source.Url);
            });
            Assert.Contains("Administrator role", Catalog.FindError("TermsAndConditionsNotAccepted")!.FixableBy);
            Assert.StartsWith("Only", Catalog.FindError("TermsAndConditionsNotAccepted")!.FixableBy);
            Assert.Equal("Microsoft Intune support.", Catalog.FindError("InvalidCursor")!.FixableBy);
        }

        [Fact]
        public void CodeZeroIsNoErrorByInference()
        {
            var z = Catalog.Lookup(0);
            Assert.False(z.IsError);
            Assert.True(z.IsMapped);
            Assert.Null(z.Error);
            Assert.Equal(SyncErrorEvidence.Inferred, z.Evidence);
        }

        [Fact]
        public void CodeThreeIsTermsAndConditionsFromAThirdParty()
        {
            var three = Catalog.Lookup(3);
            Assert.True(three.IsError);
            Assert.True(three.IsMapped);
            Assert.Equal("TermsAndConditionsNotAccepted", three.Error!.Id);
            Assert.Equal(SyncErrorEvidence.ThirdPartyObservation, three.Evidence);
            Assert.Contains("unverified by Microsoft", three.Mapping!.Note);
            Assert.Equal(SyncErrorEvidence.ThirdPartyObservation, three.Mapping.Source.Level);
        }

        [Fact]
        public void OtherCodesAreUnmappedAndRankedByExpiryState()
        {
            var u = Catalog.Lookup(42);
            Assert.True(u.IsError);
            Assert.False(u.IsMapped);
            Assert.Equal(SyncErrorEvidence.Unmapped, u.Evidence);
            Assert.Equal(new[] { "TermsAndConditionsNotAccepted", "AccessDenied", "TokenExpiredOrInvalid", "ProfileFieldErrors", "SupportOnlyErrors" },
                u.CausesFor(TokenExpiryState.Valid).Select(c => c.Id));
            Assert.Equal("TokenExpiredOrInvalid", u.CausesFor(TokenExpiryState.Expired)[0].Id);
            Assert.Equal("TokenExpiredOrInvalid", u.CausesFor(TokenExpiryState.Unknown)[0].Id);
            Assert.Equal(-1, Catalog.Lookup(-1).Code);
            Assert.False(Catalog.Lookup(-1).IsMapped);
        }

        [Fact]
        public void EveryDocumentedErrorIsCoveredByAnUnmappedCause()
        {
            var covered = Catalog.UnmappedCauses.SelectMany(c => c.Errors).Select(e => e.Id).ToHashSet();
            Assert.All(Catalog.Errors, e => Assert.Contains(e.Id, covered));
        }

        // The list must be there and whole: an empty catalogue, or a cause that lost a state's text, would otherwise
        // pass, and an unmapped code would get no checks at all.
        [Fact]
        public void EveryCheckTextExistsForEveryState()
        {
            Assert.Equal(new[] { "TokenExpiredOrInvalid", "TermsAndConditionsNotAccepted", "AccessDenied", "ProfileFieldErrors", "SupportOnlyErrors" },
                Catalog.UnmappedCauses.Select(c => c.Id));
            var states = Enum.GetValues(typeof(TokenExpiryState)).Cast<TokenExpiryState>().ToArray();
            Assert.Equal(new[] { "Valid", "Expired", "Unknown" }.OrderBy(x => x), states.Select(x => x.ToString()).OrderBy(x => x));
            foreach (var cause in Catalog.UnmappedCauses)
            {
                foreach (var s in states)
                {
                    var text = cause.CheckTemplateFor(s);
                    Assert.False(string.IsNullOrWhiteSpace(text), $"{cause.Id} has no check text for {s}");
                    // Each check opens with the cause's name (the title without its parenthesis), so a text cannot sit under the wrong cause.
                    Assert.StartsWith(cause.Title.Split(new[] { " (" }, StringSplitOptions.None)[0] + ":", text.Replace(" (most likely):", ":"));
                    Assert.NotEqual(int.MaxValue, cause.RankFor(s));
                }
            }
            // Every state has one cause ranked first, and the ranks are a permutation, so the order shown is defined.
            foreach (var s in states)
                Assert.Equal(Enumerable.Range(1, Catalog.UnmappedCauses.Count), Catalog.UnmappedCauses.Select(c => c.RankFor(s)).OrderBy(r => r));
        }

        [Fact]
        public void ACauseWithoutATextForEveryStateIsRefused()
        {
            const string partial = @"{""sources"":[{""id"":""s"",""level"":""documented"",""title"":""t"",""url"":null}],
""errors"":[{""id"":""E"",""message"":""m"",""cause"":""c"",""fix"":[""f""],""fixableBy"":""x"",""helpUri"":""https://learn.microsoft.com/x"",""source"":""s""}],
""codes"":[],""unmappedCauses"":[{""id"":""C"",""title"":""T"",""errorIds"":[""E""],""rank"":{""expired"":1,""valid"":1,""unknown"":1},""check"":{""expired"":""T: a"",""valid"":""T: b""},""source"":""s""}]}";
            var ex = Assert.Throws<InvalidDataException>(() => SyncErrorCatalog.Parse(partial, "partial.json"));
            Assert.Contains("unmappedCauses[0].check", ex.Message);
            var whole = SyncErrorCatalog.Parse(partial.Replace(@"""valid"":""T: b""}", @"""valid"":""T: b"",""unknown"":""T: c""}"), "whole.json");
            Assert.Equal("T: c", Assert.Single(whole.UnmappedCauses).CheckTemplateFor(TokenExpiryState.Unknown));
        }

        [Fact]
        public void ABrokenCatalogueNamesTheFaultyEntry()
        {
            const string bad = @"{""sources"":[{""id"":""s"",""level"":""documented"",""title"":""t"",""url"":null}],
""errors"":[{""id"":""E"",""message"":""m"",""cause"":""c"",""fix"":[""f""],""fixableBy"":""x"",""helpUri"":""https://example.com/"",""source"":""s""}],
""codes"":[],""unmappedCauses"":[]}";
            var ex = Assert.Throws<InvalidDataException>(() => SyncErrorCatalog.Parse(bad, "bad.json"));
            Assert.Contains("errors[0].helpUri", ex.Message);
            Assert.Contains("bad.json", ex.Message);

            var unknownError = bad.Replace("https://example.com/", "https://learn.microsoft.com/x").Replace(@"""codes"":[]", @"""codes"":[{""code"":5,""errorId"":""Nope"",""evidence"":""inferred"",""note"":""n"",""source"":""s""}]");
            Assert.Contains("codes[0].errorId 'Nope'", Assert.Throws<InvalidDataException>(() => SyncErrorCatalog.Parse(unknownError, "bad.json")).Message);
        }
    }
}
