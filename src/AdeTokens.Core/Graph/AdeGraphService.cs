using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph
{
    /// <summary>
    /// The Graph calls AdeTokens makes. Beta resources go through the Microsoft.Graph client's own
    /// request adapter (so they get its auth, retry, redirect and telemetry middleware) with absolute
    /// /beta URLs and our own Kiota models.
    /// </summary>
    public sealed class AdeGraphService
    {
        private static readonly Dictionary<string, ParsableFactory<IParsable>> s_errorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = ODataError.CreateFromDiscriminatorValue,
        };

        private readonly AdeGraphConnection _connection;

        /// <summary>Creates the service over a connection.</summary>
        public AdeGraphService(AdeGraphConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        private IRequestAdapter Adapter => _connection.Client.RequestAdapter;

        internal string SettingsUrl => _connection.BetaBase + "/deviceManagement/depOnboardingSettings";

        internal string TokenUrl(string id) => SettingsUrl + "/" + Uri.EscapeDataString(id);

        private static RequestInformation Request(Method method, string url)
        {
            var info = new RequestInformation { HttpMethod = method, URI = new Uri(url) };
            info.Headers.TryAdd("Accept", "application/json");
            return info;
        }

        /// <summary>Streams every token across all pages. Return false from the callback to stop.</summary>
        public Task ListTokensAsync(Func<DepOnboardingSetting, bool> onItem, CancellationToken cancellationToken)
            => IterateAsync<DepOnboardingSetting, DepOnboardingSettingCollectionResponse>(SettingsUrl, onItem, "list ADE tokens", GraphPermissions.Read, cancellationToken);

        /// <summary>Gets one token, or null when Graph answers 404.</summary>
        public async Task<DepOnboardingSetting?> GetTokenAsync(string id, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The token id is empty.", nameof(id));
            try
            {
                return await Adapter.SendAsync(Request(Method.GET, TokenUrl(id)), DepOnboardingSetting.CreateFromDiscriminatorValue, s_errorMapping, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.ResponseStatusCode == 404)
            {
                return null;
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, $"read ADE token '{id}'", GraphPermissions.Read);
            }
        }

        /// <summary>Pages through a collection with Microsoft.Graph's PageIterator.</summary>
        internal async Task IterateAsync<TEntity, TPage>(string url, Func<TEntity, bool> onItem, string operation, string permission, CancellationToken cancellationToken)
            where TPage : CollectionResponse<TEntity>, new()
            where TEntity : IParsable
        {
            try
            {
                var first = await Adapter.SendAsync(Request(Method.GET, url), _ => new TPage(), s_errorMapping, cancellationToken).ConfigureAwait(false);
                if (first is null) return;
                var iterator = PageIterator<TEntity, TPage>.CreatePageIterator(Adapter, first, onItem, r =>
                {
                    r.Headers.TryAdd("Accept", "application/json");
                    return r;
                }, s_errorMapping);
                await iterator.IterateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, operation, permission);
            }
        }

        /// <summary>The tenant's Apple MDM push certificate, through the typed v1.0 client; null if none.</summary>
        public async Task<Microsoft.Graph.Models.ApplePushNotificationCertificate?> GetApnsCertificateAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _connection.Client.DeviceManagement.ApplePushNotificationCertificate.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.ResponseStatusCode == 404)
            {
                return null;
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, "read the Apple MDM push certificate", GraphPermissions.Read);
            }
        }
    }
}
