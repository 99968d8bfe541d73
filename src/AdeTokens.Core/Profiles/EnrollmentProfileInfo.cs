using System;
using System.Collections.Generic;
using AdeTokens.Graph.Models;
namespace AdeTokens
{
    /// <summary>An ADE enrollment profile as Get-AdeEnrollmentProfile shows it.</summary>
    public sealed class EnrollmentProfileInfo
    {
        /// <summary>The token the profile belongs to.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name.</summary>
        public string? TokenName { get; set; }
        /// <summary>Profile id.</summary>
        public string Id { get; set; } = string.Empty;
        /// <summary>Name shown in the admin center.</summary>
        public string? DisplayName { get; set; }
        /// <summary>Description.</summary>
        public string? Description { get; set; }
        /// <summary>iOS, macOS, visionOS, tvOS or Unknown.</summary>
        public string Platform { get; set; } = "Unknown";
        /// <summary>Whether this is the token's default profile for its platform (what new devices get).</summary>
        public bool IsDefault { get; set; }
        /// <summary>Supervised mode (supervisedModeEnabled).</summary>
        public bool? IsSupervised { get; set; }
        /// <summary>Locked enrollment: users can't remove the management profile (isMandatory).</summary>
        public bool? IsMandatory { get; set; }
        /// <summary>User affinity: the user signs in during enrollment.</summary>
        public bool? RequiresUserAuthentication { get; set; }
        /// <summary>SetupAssistant, CompanyPortal, or None (no user affinity).</summary>
        public string AuthenticationMethod { get; set; } = "None";
        /// <summary>Install Company Portal on Setup Assistant-enrolled devices.</summary>
        public bool? RequireCompanyPortalOnSetupAssistantEnrolledDevices { get; set; }
        /// <summary>Await final configuration before the user reaches the home screen.</summary>
        public bool? AwaitDeviceConfiguredConfirmation { get; set; }
        /// <summary>Support phone number shown in Setup Assistant (an invalid one fails the sync).</summary>
        public string? SupportPhoneNumber { get; set; }
        /// <summary>Department shown in Setup Assistant (an invalid one fails the sync).</summary>
        public string? SupportDepartment { get; set; }
        /// <summary>Configuration endpoint URL.</summary>
        public string? ConfigurationEndpointUrl { get; set; }
        /// <summary>The Graph @odata.type.</summary>
        public string? OdataType { get; set; }
        /// <summary>Every property Graph returned (Setup Assistant settings included), under Graph's names.</summary>
        public IDictionary<string, object?> Raw { get; set; } = new RawProperties();

        /// <summary>Builds the view of <paramref name="p"/>; <paramref name="isDefault"/> is DefaultProfileLookup's answer; null takes the profile's own isDefault.</summary>
        public static EnrollmentProfileInfo From(EnrollmentProfile p, string tokenId, string? tokenName, bool? isDefault)
        {
            if (p is null) throw new ArgumentNullException(nameof(p));
            var raw = new RawProperties
            {
                ["id"] = p.Id,
                ["@odata.type"] = p.OdataType,
                ["displayName"] = p.DisplayName,
                ["description"] = p.Description,
                ["requiresUserAuthentication"] = p.RequiresUserAuthentication,
                ["configurationEndpointUrl"] = p.ConfigurationEndpointUrl,
                ["enableAuthenticationViaCompanyPortal"] = p.EnableAuthenticationViaCompanyPortal,
                ["requireCompanyPortalOnSetupAssistantEnrolledDevices"] = p.RequireCompanyPortalOnSetupAssistantEnrolledDevices,
            };
            if (p.SupportPhoneNumber != null) raw["supportPhoneNumber"] = p.SupportPhoneNumber;
            if (p.SupportDepartment != null) raw["supportDepartment"] = p.SupportDepartment;
            if (p.IsSupervised != null) raw["isSupervised"] = p.IsSupervised;
            if (p.IsDefault != null) raw["isDefault"] = p.IsDefault;
            // Typed on the model now, so no longer in AdditionalData: keep them in Raw as Graph named them.
            if (p.SupervisedModeEnabled != null) raw["supervisedModeEnabled"] = p.SupervisedModeEnabled;
            if (p.CompanyPortalVppTokenId != null) raw["companyPortalVppTokenId"] = p.CompanyPortalVppTokenId;
            foreach (var kv in p.AdditionalData) raw[kv.Key] = UntypedValues.ToPlain(kv.Value);

            bool? Flag(string name) => raw.TryGetValue(name, out var v) && v is bool b ? b : (bool?)null;
            var userAuth = p.RequiresUserAuthentication;
            return new EnrollmentProfileInfo
            {
                TokenId = tokenId,
                TokenName = tokenName,
                Id = p.Id ?? string.Empty,
                DisplayName = p.DisplayName,
                Description = p.Description,
                Platform = p.Platform,
                IsDefault = isDefault ?? (p.IsDefault == true),
                IsSupervised = p.IsSupervised ?? Flag("supervisedModeEnabled"),
                IsMandatory = Flag("isMandatory"),
                RequiresUserAuthentication = userAuth,
                AuthenticationMethod = userAuth != true ? "None" : p.EnableAuthenticationViaCompanyPortal == true ? "CompanyPortal" : "SetupAssistant",
                RequireCompanyPortalOnSetupAssistantEnrolledDevices = p.RequireCompanyPortalOnSetupAssistantEnrolledDevices,
                AwaitDeviceConfiguredConfirmation = Flag("awaitDeviceConfiguredConfirmation"),
                SupportPhoneNumber = p.SupportPhoneNumber,
                SupportDepartment = p.SupportDepartment,
                ConfigurationEndpointUrl = p.ConfigurationEndpointUrl,
                OdataType = p.OdataType,
                Raw = raw,
            };
        }

        /// <inheritdoc />
        public override string ToString() => $"{DisplayName} ({Platform}{(IsDefault ? ", default" : string.Empty)})";
    }
}
