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
    public sealed partial class AdeGraphService
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

        /// <summary>Every token, all pages read: the one list that the cmdlets, the sync waiter and Tab completion share.</summary>
        public async Task<List<DepOnboardingSetting>> ListAllTokensAsync(CancellationToken cancellationToken)
        {
            var all = new List<DepOnboardingSetting>();
            await ListTokensAsync(t => { all.Add(t); return true; }, cancellationToken).ConfigureAwait(false);
            return all;
        }

        /// <summary>Gets one token, or null when Graph answers 404.</summary>
        public Task<DepOnboardingSetting?> GetTokenAsync(string id, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The token id is empty.", nameof(id));
            return GetOrNullAsync(TokenUrl(id), DepOnboardingSetting.CreateFromDiscriminatorValue, $"read ADE token '{id}'", cancellationToken);
        }

        /// <summary>
        /// Pages through a collection with Microsoft.Graph's PageIterator. <paramref name="gate"/>, when given, goes
        /// with every page's request as its Kiota option, so the run's cap on requests on the wire covers them all.
        /// </summary>
        internal async Task IterateAsync<TEntity, TPage>(string url, Func<TEntity, bool> onItem, string operation, string permission, CancellationToken cancellationToken, RequestGate? gate = null)
            where TPage : CollectionResponse<TEntity>, new()
            where TEntity : IParsable
        {
            try
            {
                var request = Request(Method.GET, url);
                if (gate != null) request.AddRequestOptions(new IRequestOption[] { gate });
                var first = await Adapter.SendAsync(request, _ => new TPage(), s_errorMapping, cancellationToken).ConfigureAwait(false);
                if (first is null) return;
                var iterator = PageIterator<TEntity, TPage>.CreatePageIterator(Adapter, first, onItem, r =>
                {
                    r.Headers.TryAdd("Accept", "application/json");
                    if (gate != null) r.AddRequestOptions(new IRequestOption[] { gate });
                    return r;
                }, s_errorMapping);
                await iterator.IterateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, operation, permission);
            }
        }

        /// <summary>Asks Intune to sync the token with Apple (204; the sync itself runs later).</summary>
        public Task SyncAsync(string id, CancellationToken cancellationToken)
            => SendNoContentAsync(Request(Method.POST, TokenUrl(id) + "/syncWithAppleDeviceEnrollmentProgram"), $"sync ADE token '{id}'", GraphPermissions.ReadWrite, cancellationToken);

        /// <summary>The token's current public key (getEncryptionPublicKey), as Graph returned it.</summary>
        public async Task<string> GetEncryptionPublicKeyAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                var r = await Adapter.SendAsync(Request(Method.GET, TokenUrl(id) + "/getEncryptionPublicKey"), StringValueResponse.CreateFromDiscriminatorValue, s_errorMapping, cancellationToken).ConfigureAwait(false);
                return r?.Value ?? throw new AdeGraphException($"Graph returned no public key for ADE token '{id}'.", GraphFailureKind.Other) { Operation = "read the public key" };
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, $"read the public key of ADE token '{id}'", GraphPermissions.Read);
            }
        }

        /// <summary>Uploads a renewed server token (uploadDepToken). The body is never logged.</summary>
        public Task UploadDepTokenAsync(string id, string appleId, string depToken, CancellationToken cancellationToken)
        {
            var info = Request(Method.POST, TokenUrl(id) + "/uploadDepToken");
            info.SetContentFromParsable(Adapter, "application/json", new UploadDepTokenBody { AppleId = appleId, DepToken = depToken });
            return SendNoContentAsync(info, $"upload a server token to ADE token '{id}'", GraphPermissions.ReadWrite, cancellationToken);
        }

        /// <summary>Streams the token's enrollment profiles; <paramref name="gate"/> caps the run's requests on the wire.</summary>
        public Task ListProfilesAsync(string tokenId, Func<EnrollmentProfile, bool> onItem, CancellationToken cancellationToken, RequestGate? gate = null)
            => IterateAsync<EnrollmentProfile, EnrollmentProfileCollectionResponse>(TokenUrl(tokenId) + "/enrollmentProfiles", onItem, $"list the enrollment profiles of ADE token '{tokenId}'", GraphPermissions.Read, cancellationToken, gate);

        /// <summary>One profile, or null on 404.</summary>
        public Task<EnrollmentProfile?> GetProfileAsync(string tokenId, string profileId, CancellationToken cancellationToken)
            => GetOrNullAsync(TokenUrl(tokenId) + "/enrollmentProfiles/" + Uri.EscapeDataString(profileId), EnrollmentProfile.CreateFromDiscriminatorValue, $"read enrollment profile '{profileId}'", cancellationToken);

        /// <summary>The default profile for a platform (iOS, macOS, tvOS, visionOS), or null when there is none. Accepts a bare or a {"value": {...}} body.</summary>
        public async Task<EnrollmentProfile?> GetDefaultProfileAsync(string tokenId, string platform, CancellationToken cancellationToken)
        {
            if (!DefaultProfileNavigations.TryGetValue(platform ?? string.Empty, out var nav)) throw new ArgumentException($"Unknown platform '{platform}'.", nameof(platform));
            var r = await GetOrNullAsync(TokenUrl(tokenId) + "/" + nav, EntityOrValue<EnrollmentProfile>.Factory(EnrollmentProfile.CreateFromDiscriminatorValue), $"read the default {platform} profile of ADE token '{tokenId}'", cancellationToken).ConfigureAwait(false);
            return r?.Entity;
        }

        /// <summary>Streams the token's imported Apple devices page by page; <paramref name="gate"/> caps the run's requests on the wire.</summary>
        public Task ListDevicesAsync(string tokenId, Func<ImportedAppleDeviceIdentity, bool> onItem, CancellationToken cancellationToken, RequestGate? gate = null)
            => IterateAsync<ImportedAppleDeviceIdentity, ImportedAppleDevicePage>(TokenUrl(tokenId) + "/importedAppleDeviceIdentities", onItem, $"list the devices of ADE token '{tokenId}'", GraphPermissions.Read, cancellationToken, gate);

        /// <summary>Makes a profile the default for its platform (setDefaultProfile).</summary>
        public Task SetDefaultProfileAsync(string tokenId, string profileId, CancellationToken cancellationToken)
            => SendNoContentAsync(Request(Method.POST, TokenUrl(tokenId) + "/enrollmentProfiles/" + Uri.EscapeDataString(profileId) + "/setDefaultProfile"), $"make profile '{profileId}' the default", GraphPermissions.ReadWrite, cancellationToken);

        /// <summary>Assigns a profile to devices (updateDeviceProfileAssignment).</summary>
        public Task UpdateDeviceProfileAssignmentAsync(string tokenId, string profileId, IEnumerable<string> serialNumbers, CancellationToken cancellationToken)
        {
            var info = Request(Method.POST, TokenUrl(tokenId) + "/enrollmentProfiles/" + Uri.EscapeDataString(profileId) + "/updateDeviceProfileAssignment");
            info.SetContentFromParsable(Adapter, "application/json", new DeviceIdsBody { DeviceIds = new List<string>(serialNumbers) });
            return SendNoContentAsync(info, $"assign profile '{profileId}' to devices", GraphPermissions.ReadWrite, cancellationToken);
        }

        private Task<T?> GetOrNullAsync<T>(string url, ParsableFactory<T> factory, string operation, CancellationToken cancellationToken) where T : IParsable
            => OrNullOn404Async(() => Adapter.SendAsync(Request(Method.GET, url), factory, s_errorMapping, cancellationToken), operation, GraphPermissions.Read);

        // The one place a 404 becomes "there is none": every other failure is mapped to an AdeGraphException.
        private static async Task<T?> OrNullOn404Async<T>(Func<Task<T?>> call, string operation, string permission)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ApiException e) when (e.ResponseStatusCode == 404)
            {
                return default;
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, operation, permission);
            }
        }

        private async Task SendNoContentAsync(RequestInformation info, string operation, string permission, CancellationToken cancellationToken)
        {
            try
            {
                await Adapter.SendNoContentAsync(info, s_errorMapping, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, operation, permission);
            }
        }

        /// <summary>The tenant's Apple MDM push certificate, through the typed v1.0 client; null if none.</summary>
        public Task<Microsoft.Graph.Models.ApplePushNotificationCertificate?> GetApnsCertificateAsync(CancellationToken cancellationToken)
            => OrNullOn404Async(() => _connection.Client.DeviceManagement.ApplePushNotificationCertificate.GetAsync(cancellationToken: cancellationToken), "read the Apple MDM push certificate", GraphPermissions.Read);
    }
}
