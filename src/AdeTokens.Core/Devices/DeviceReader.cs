using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;

namespace AdeTokens.Devices
{
    /// <summary>
    /// Get-AdeDevice's reads: a token's devices that match a query, streamed one at a time as pages arrive (nothing is
    /// collected, so memory stays flat on a 200,000-device token), each with its token's and its profile's name.
    /// </summary>
    public sealed class DeviceReader
    {
        // A progress report per device would cost more than the device; one per this many is smooth enough.
        private const int ProgressEvery = 500;
        // At most this often: every report costs the console host a cursor round-trip, and a flood of them made
        // Ctrl+C hang the console while the pipeline thread waited on the host.
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly AdeGraphService _service;

        /// <summary>Creates the reader over Graph.</summary>
        public DeviceReader(AdeGraphService service) => _service = service ?? throw new ArgumentNullException(nameof(service));

        /// <summary>
        /// Streams the devices of <paramref name="token"/> that match <paramref name="query"/> (and <paramref name="only"/>,
        /// when given) to <paramref name="emit"/>; <paramref name="progress"/> hears the running count. Literal serials are
        /// looked up with Microsoft's documented $filter; the method used is returned, or null for a plain listing.
        /// Throws AdeGraphException.
        /// </summary>
        public async Task<SerialLookupMethod?> StreamAsync(DepOnboardingSetting token, DeviceQuery query, Func<AdeDevice, bool>? only,
            Action<AdeDevice> emit, Action<int> progress, Action<string> verbose, CancellationToken cancellationToken)
        {
            var tokenId = token.Id ?? string.Empty;
            var names = await ProfileNamesAsync(tokenId, TokenLabel.Of(token), verbose, cancellationToken).ConfigureAwait(false);
            AdeDevice View(ImportedAppleDeviceIdentity d)
            {
                var device = AdeDevice.From(d, tokenId);
                device.TokenName = token.TokenName;
                device.ProfileName = device.RequestedEnrollmentProfileId is null ? null : names.TryGetValue(device.RequestedEnrollmentProfileId, out var n) ? n : null;
                return device;
            }

            // Literal serials only: SerialLookup streams once instead when Graph answers 400.
            if (only is null && query.Serials.Count > 0 && query.Serials.All(p => p.IsLiteral))
            {
                return await SerialLookup.FindAsync(_service, tokenId, query.Serials.Select(p => p.Text).ToList(), d =>
                {
                    if (query.Matches(d)) emit(View(d));
                    return !query.Exhausted;
                }, seen =>
                {
                    if (seen % ProgressEvery == 0) progress(seen);
                }, cancellationToken).ConfigureAwait(false);
            }

            var count = 0;
            var lastProgress = DateTime.UtcNow - ProgressInterval;
            await _service.ListDevicesAsync(tokenId, d =>
            {
                count++;
                if (count % ProgressEvery == 0 && DateTime.UtcNow - lastProgress >= ProgressInterval)
                {
                    lastProgress = DateTime.UtcNow;
                    progress(count);
                }
                if (query.Matches(d))
                {
                    var device = View(d);
                    if (only is null || only(device)) emit(device);
                }
                return !query.Exhausted;
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // Profile names for the table's Profile column: one list per token, not one read per device.
        private async Task<Dictionary<string, string?>> ProfileNamesAsync(string tokenId, string label, Action<string> verbose, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            try
            {
                await _service.ListProfilesAsync(tokenId, p => { if (p.Id != null) names[p.Id] = p.DisplayName; return true; }, cancellationToken).ConfigureAwait(false);
            }
            catch (AdeGraphException e)
            {
                verbose($"Could not read the profile names of {label}, so the Profile column shows ids: {e.Message}");
            }
            return names;
        }
    }
}
