using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;
using AdeTokens.Http;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Kiota.Abstractions;

namespace AdeTokens.Graph
{
    // The reads the health engine makes, shaped for a large tenant: fewer round trips, fewer bytes.
    public sealed partial class AdeGraphService
    {
        /// <summary>The device properties the health rules read; nothing else is asked for.</summary>
        public static readonly string[] RuleDeviceProperties = { "id", "serialNumber", "platform", "requestedEnrollmentProfileId", "enrollmentState", "isDeleted" };

        /// <summary>Largest page asked for. Graph's real limit here is UNVERIFIED; a server that caps lower just sends more pages.</summary>
        public const int DevicePageSize = 1000;

        /// <summary>Graph's documented JSON batch limit.</summary>
        public const int MaxBatchSize = 20;

        /// <summary>The default…EnrollmentProfile navigation for each EnrollmentProfile.Platform name.</summary>
        public static readonly IReadOnlyDictionary<string, string> DefaultProfileNavigations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["iOS"] = "defaultIosEnrollmentProfile",
            ["macOS"] = "defaultMacOsEnrollmentProfile",
            ["tvOS"] = "defaultTvOSEnrollmentProfile",
            ["visionOS"] = "defaultVisionOSEnrollmentProfile",
        };

        /// <summary>
        /// Streams every token; with <paramref name="expandProfiles"/>, asks for their profiles in the same pages
        /// ($expand=enrollmentProfiles, as Microsoft's Zero Trust Assessment does). No document promises $expand
        /// here, so a 400 falls back to a plain listing, and the answer is remembered for the connection.
        /// </summary>
        /// <returns>Whether the tokens came with their profiles.</returns>
        public async Task<bool> ListTokensAsync(bool expandProfiles, Func<DepOnboardingSetting, bool> onItem, CancellationToken cancellationToken)
        {
            if (expandProfiles && _connection.Capabilities.ExpandProfiles != false)
            {
                var delivered = false;
                try
                {
                    await IterateAsync<DepOnboardingSetting, DepOnboardingSettingCollectionResponse>(SettingsUrl + "?$expand=enrollmentProfiles",
                        t => { delivered = true; return onItem(t); }, "list ADE tokens with their enrollment profiles", GraphPermissions.Read, cancellationToken).ConfigureAwait(false);
                    _connection.Capabilities.ExpandProfiles = true;
                    return true;
                }
                catch (AdeGraphException e) when (e.StatusCode == 400 && !delivered)
                {
                    _connection.Capabilities.ExpandProfiles = false;
                    GraphActivity.Say($"Graph refused $expand=enrollmentProfiles on the token list (request-id {e.RequestId ?? "none"}); listing each token's profiles separately for this connection.");
                }
            }
            await ListTokensAsync(onItem, cancellationToken).ConfigureAwait(false);
            return false;
        }

        /// <summary>
        /// Streams a token's devices with only <see cref="RuleDeviceProperties"/>, in pages of up to
        /// <see cref="DevicePageSize"/>, following nextLink in order. A 400 to those options falls back to a plain
        /// listing, remembered for the connection.
        /// </summary>
        public async Task ListDevicesForRulesAsync(string tokenId, Func<ImportedAppleDeviceIdentity, bool> onItem, CancellationToken cancellationToken, RequestGate? gate = null)
        {
            var url = TokenUrl(tokenId) + "/importedAppleDeviceIdentities";
            if (_connection.Capabilities.SelectDevices != false)
            {
                var delivered = false;
                try
                {
                    await IterateAsync<ImportedAppleDeviceIdentity, ImportedAppleDevicePage>(
                        url + "?$select=" + string.Join(",", RuleDeviceProperties) + "&$top=" + DevicePageSize,
                        d => { delivered = true; return onItem(d); }, $"list the devices of ADE token '{tokenId}'", GraphPermissions.Read, cancellationToken, gate).ConfigureAwait(false);
                    _connection.Capabilities.SelectDevices = true;
                    return;
                }
                catch (AdeGraphException e) when (e.StatusCode == 400 && !delivered)
                {
                    _connection.Capabilities.SelectDevices = false;
                    GraphActivity.Say($"Graph refused $select/$top on the device list (request-id {e.RequestId ?? "none"}); reading whole device pages for this connection.");
                }
            }
            await ListDevicesAsync(tokenId, onItem, cancellationToken, gate).ConfigureAwait(false);
        }

        /// <summary>
        /// Reads default…EnrollmentProfile navigations, up to <see cref="MaxBatchSize"/> per JSON $batch through
        /// Microsoft.Graph's BatchRequestContentCollection. Items Graph answers with 429/503/504 are sent again in a
        /// new batch (each time taking budget slots); a 404 means "no default".
        /// </summary>
        /// <returns>For each (token id, platform) asked: the default profile's id, or null for none.</returns>
        /// <exception cref="AdeGraphException">Keyed by token id in <see cref="DefaultProfileBatchException.Failures"/> when some items failed for good.</exception>
        public async Task<IReadOnlyDictionary<(string TokenId, string Platform), string?>> GetDefaultProfileIdsAsync(
            IReadOnlyCollection<(string TokenId, string Platform)> wanted, CancellationToken cancellationToken)
        {
            var result = new Dictionary<(string, string), string?>();
            var failures = new Dictionary<string, AdeGraphException>(StringComparer.OrdinalIgnoreCase);
            if (wanted.Count == 0) return result;
            var adapter = BetaAdapter;
            // Stable step ids, so an item sent again in a later batch still maps back to its token and platform.
            var byStep = new Dictionary<string, (string TokenId, string Platform)>(StringComparer.Ordinal);
            var n = 0;
            foreach (var w in wanted.Distinct())
            {
                if (!DefaultProfileNavigations.ContainsKey(w.Platform)) throw new ArgumentException($"Unknown platform '{w.Platform}'.", nameof(wanted));
                byStep[(++n).ToString(System.Globalization.CultureInfo.InvariantCulture)] = w;
            }

            var policy = _connection.Options.Resilience.StatusRetry;
            var waited = TimeSpan.Zero;
            var pending = byStep.Keys.ToList();
            for (var round = 0; pending.Count > 0; round++)
            {
                var collection = new BatchRequestContentCollection(adapter, MaxBatchSize);
                foreach (var stepId in pending)
                {
                    var w = byStep[stepId];
                    await collection.AddBatchRequestStepAsync(Request(Method.GET, TokenUrl(w.TokenId) + "/" + DefaultProfileNavigations[w.Platform]), stepId).ConfigureAwait(false);
                }
                BatchResponseContentCollection responses;
                try
                {
                    responses = await new BatchRequestBuilder(adapter).PostAsync(collection, cancellationToken, s_errorMapping).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    throw GraphErrorMapper.Map(e, "read default enrollment profiles in a JSON batch", GraphPermissions.Read);
                }
                var codes = await responses.GetResponsesStatusCodesAsync().ConfigureAwait(false);
                var retry = new List<string>();
                var wait = TimeSpan.Zero;
                foreach (var stepId in pending)
                {
                    var key = byStep[stepId];
                    if (!codes.ContainsKey(stepId))
                    {
                        retry.Add(stepId);
                        continue;
                    }
                    using var message = await responses.GetResponseByIdAsync(stepId).ConfigureAwait(false);
                    var status = (int)message.StatusCode;
                    if (status >= 200 && status < 300)
                    {
                        result[key] = await ReadIdAsync(message).ConfigureAwait(false);
                    }
                    else if (status == 404)
                    {
                        result[key] = null;
                    }
                    else if (policy.IsTransient(status) && policy.NextWait(round + 1, RetryPolicy.RetryAfter(message), waited) is TimeSpan next)
                    {
                        retry.Add(stepId);
                        if (status == 429) _connection.Budget.ReportThrottled(RetryPolicy.RetryAfter(message));
                        if (next > wait) wait = next;
                    }
                    else
                    {
                        var rid = message.Headers.TryGetValues("request-id", out var v) ? v.FirstOrDefault() : null;
                        failures[key.TokenId] = new AdeGraphException(
                            $"Microsoft Graph could not read the default {key.Platform} enrollment profile of ADE token '{key.TokenId}' ({status}) inside a JSON batch." + (rid != null ? $" request-id: {rid}." : string.Empty),
                            status == 403 ? GraphFailureKind.PermissionDenied : status >= 500 || status == 429 ? GraphFailureKind.ServiceUnavailable : GraphFailureKind.Other)
                        {
                            StatusCode = status, RequestId = rid, Operation = $"read the default {key.Platform} profile of ADE token '{key.TokenId}'",
                            RequiredPermission = GraphPermissions.Read, RecommendedAction = "Run the check again; if it keeps failing, give Microsoft support the request-id.",
                        };
                    }
                }
                if (retry.Count > 0)
                {
                    if (round >= policy.MaxRetries)
                    {
                        foreach (var stepId in retry)
                            failures[byStep[stepId].TokenId] = new AdeGraphException($"Microsoft Graph gave no answer for the default {byStep[stepId].Platform} profile of ADE token '{byStep[stepId].TokenId}' in a JSON batch.", GraphFailureKind.ServiceUnavailable);
                        break;
                    }
                    GraphActivity.Say(FormattableString.Invariant($"Graph answered {retry.Count} item(s) of a JSON batch with 429/503/504; sending them again in {wait.TotalSeconds:0.#} s."));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    waited += wait;
                }
                pending = retry;
            }
            if (failures.Count > 0) throw new DefaultProfileBatchException(failures, result);
            return result;
        }

        // A second adapter over the same HttpClient and credential, based at /beta, so the SDK's batch builder
        // posts to /beta/$batch (the navigations exist only there).
        private IRequestAdapter BetaAdapter => _connection.BetaAdapter;

        // A navigation answers with the profile itself, or, as the docs' examples show, wrapped in {"value": {...}}.
        private static async Task<string?> ReadIdAsync(HttpResponseMessage message)
        {
            if (message.Content is null) return null;
            var bytes = await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (bytes.Length == 0) return null;
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.Object) root = inner;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
