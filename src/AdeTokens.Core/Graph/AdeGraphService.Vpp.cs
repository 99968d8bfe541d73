using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Health;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace AdeTokens.Graph
{
    public sealed partial class AdeGraphService
    {
        // Every v1.0 vppToken property the rules and reports use, and deliberately not "token": that property is the
        // secret itself, so it is never asked for. Should the service ignore $select, ToInfo still drops it on the spot.
        // v1.0 has no displayName (beta does), so it is not selected; the admin center's name is the organization's.
        internal static readonly string[] VppTokenSelect =
        {
            "id", "organizationName", "appleId", "state", "expirationDateTime", "lastSyncStatus", "lastSyncDateTime", "vppTokenAccountType",
        };

        /// <summary>
        /// The tenant's Apple VPP tokens (v1.0 deviceAppManagement/vppTokens, typed client), without their secret
        /// values. Needs DeviceManagementServiceConfig.Read.All or DeviceManagementApps.Read.All.
        /// </summary>
        public async Task<IReadOnlyList<VppTokenInfo>> ListVppTokensAsync(CancellationToken cancellationToken)
        {
            var list = new List<VppTokenInfo>();
            try
            {
                var first = await _connection.Client.DeviceAppManagement.VppTokens.GetAsync(r =>
                {
                    r.QueryParameters.Select = VppTokenSelect;
                }, cancellationToken).ConfigureAwait(false);
                if (first is null) return list;
                var iterator = PageIterator<VppToken, VppTokenCollectionResponse>.CreatePageIterator(_connection.Client, first, t =>
                {
                    if (t != null) list.Add(ToInfo(t));
                    return true;
                });
                await iterator.IterateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, "read the Apple VPP tokens", GraphPermissions.Read);
            }
            return list;
        }

        /// <summary>Copies everything but the token value; Graph's enum spellings are kept as strings.</summary>
        internal static VppTokenInfo ToInfo(VppToken t) => new VppTokenInfo
        {
            Id = t.Id ?? string.Empty,
            DisplayName = t.AdditionalData != null && t.AdditionalData.TryGetValue("displayName", out var dn) && dn is string name ? name : null,
            OrganizationName = t.OrganizationName,
            AppleId = t.AppleId,
            State = StateName(t.State),
            ExpirationDateTime = TokenStatusBuilder.Never(t.ExpirationDateTime),
            LastSyncStatus = SyncStatusName(t.LastSyncStatus),
            LastSyncDateTime = TokenStatusBuilder.Never(t.LastSyncDateTime),
        };

        internal static string? StateName(VppTokenState? s) => s switch
        {
            null => null,
            VppTokenState.Unknown => "unknown",
            VppTokenState.Valid => "valid",
            VppTokenState.Expired => "expired",
            VppTokenState.Invalid => "invalid",
            VppTokenState.AssignedToExternalMDM => "assignedToExternalMDM",
            _ => s.Value.ToString(),
        };

        internal static string? SyncStatusName(VppTokenSyncStatus? s) => s switch
        {
            null => null,
            VppTokenSyncStatus.None => "none",
            VppTokenSyncStatus.InProgress => "inProgress",
            VppTokenSyncStatus.Completed => "completed",
            VppTokenSyncStatus.Failed => "failed",
            _ => s.Value.ToString(),
        };
    }
}
