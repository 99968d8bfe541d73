using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using AdeTokens.Profiles;

namespace AdeTokens.Graph
{
    /// <summary>Reads from Graph the facts the health rules need beyond the token itself.</summary>
    public sealed class HealthFactsCollector
    {
        private readonly AdeGraphService _service;

        /// <summary>Creates the collector.</summary>
        public HealthFactsCollector(AdeGraphService service)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
        }

        /// <summary>The tenant's APNs certificate, through the typed v1.0 client.</summary>
        public Task<TenantFacts> GetTenantFactsAsync(CancellationToken cancellationToken)
            => GetTenantFactsAsync(includeVpp: false, cancellationToken);

        /// <summary>
        /// The tenant's APNs certificate and, with <paramref name="includeVpp"/>, its VPP tokens (both typed v1.0). A
        /// failure to read the VPP tokens doesn't lose the APNs facts: it is kept in TenantFacts.VppReadError, so the
        /// Company Portal rules report CheckIncomplete instead of staying silent.
        /// </summary>
        public async Task<TenantFacts> GetTenantFactsAsync(bool includeVpp, CancellationToken cancellationToken)
        {
            var cert = await _service.GetApnsCertificateAsync(cancellationToken).ConfigureAwait(false);
            var facts = TenantFacts.FromApns(cert != null, TokenStatusBuilder.Never(cert?.ExpirationDateTime), cert?.AppleIdentifier);
            if (includeVpp) await AddVppTokensAsync(facts, cancellationToken).ConfigureAwait(false);
            return facts;
        }

        /// <summary>Reads the tenant's VPP tokens into <paramref name="facts"/> (VppChecked, or VppReadError on a Graph failure).</summary>
        public async Task AddVppTokensAsync(TenantFacts facts, CancellationToken cancellationToken)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            try
            {
                facts.VppTokens = await _service.ListVppTokensAsync(cancellationToken).ConfigureAwait(false);
                facts.VppChecked = true;
                facts.VppReadError = null;
            }
            catch (AdeGraphException e)
            {
                facts.VppChecked = false;
                facts.VppReadError = e.Message;
            }
        }

        /// <summary>The token's profiles and which ones Intune uses as defaults.</summary>
        public async Task<ProfileFacts> GetProfileFactsAsync(string tokenId, CancellationToken cancellationToken)
        {
            var profiles = new List<EnrollmentProfile>();
            await _service.ListProfilesAsync(tokenId, p => { profiles.Add(p); return true; }, cancellationToken).ConfigureAwait(false);
            return ProfileFacts.FromProfiles(profiles, await new DefaultProfileLookup(_service).ReadAsync(tokenId, profiles, cancellationToken).ConfigureAwait(false));
        }

        /// <summary>Streams the token's devices into a bounded summary; <paramref name="progress"/> gets the running count.</summary>
        public async Task<DeviceFacts> GetDeviceFactsAsync(string tokenId, int sampleSize, Action<int>? progress, CancellationToken cancellationToken)
        {
            var facts = new DeviceFacts(sampleSize);
            await _service.ListDevicesAsync(tokenId, d =>
            {
                facts.Add(d);
                if (progress != null && facts.TotalCount % 500 == 0) progress(facts.TotalCount);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return facts;
        }
    }
}
