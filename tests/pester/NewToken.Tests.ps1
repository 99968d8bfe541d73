# The path Microsoft's troubleshooting article gives for an INVALID token: a new token made in Intune whose public key
# goes to the existing MDM server in ABM/ASM, then its server token uploaded. And generateEncryptionPublicKey.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-renewal.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:keyOnly = 'd3000000-0000-4000-8000-000000000004'

    function Reset-Tenant { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-renewal.json' }
    function Get-TokenCount { @(Get-AdeTokenStatus).Count }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'New-AdeToken' {
    BeforeEach {
        Reset-Tenant
        Clear-AdeSimRequest -Simulator $sim
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $attribute = (Get-Command New-AdeToken).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'creates nothing and writes no file under -WhatIf' {
        $before = Get-TokenCount
        Clear-AdeSimRequest -Simulator $sim
        $path = Join-Path $TestDrive 'whatif.pem'
        New-AdeToken -Name 'Contoso ABM 2027' -KeyPath $path -WhatIf | Should -BeNullOrEmpty
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        Test-Path $path | Should -BeFalse
        Get-TokenCount | Should -Be $before
    }

    It 'creates the token, writes its own public key and prints the steps for ABM and Update-AdeToken' {
        $before = Get-TokenCount
        $path = Join-Path $TestDrive 'contoso-2027.pem'
        $token = New-AdeToken -Name 'Contoso ABM 2027' -KeyPath $path -AppleId 'ade-admin@contoso.com' -TokenType appleSchoolManager -Confirm:$false -InformationVariable info 6>$null
        $token.GetType().FullName | Should -Be 'AdeTokens.TokenStatus'
        $token.Name | Should -Be 'Contoso ABM 2027'
        $token.AppleId | Should -Be 'ade-admin@contoso.com'
        $token.TokenType | Should -Be 'appleSchoolManager'
        $token.ExpirationDateTime | Should -BeNullOrEmpty
        $token.DataSharingConsentGranted | Should -BeTrue
        $token.Id | Should -Match '^[0-9a-f-]{36}$'
        @(Get-AdeSimPost -Simulator $sim | Where-Object { $_.path -like '*/depOnboardingSettings' }).Count | Should -Be 1

        Get-TokenCount | Should -Be ($before + 1)
        (Get-AdeTokenStatus -Id $token.Id).Name | Should -Be 'Contoso ABM 2027'
        # The file holds the NEW token's key, not some other token's.
        [IO.File]::ReadAllText($path) | Should -BeExactly (Get-AdeTokenPublicKey -Id $token.Id).Pem
        $text = ($info | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match 'existing MDM server'
        $text | Should -Match ([regex]::Escape("Update-AdeToken -Id $($token.Id)"))
        $text | Should -Match 'edit and a sync'
    }

    It 'goes on to a working token once the server token Apple made for its key is uploaded' {
        $path = Join-Path $TestDrive 'full-path.pem'
        $token = New-AdeToken -Name 'Fabrikam ABM' -KeyPath $path -Confirm:$false 6>$null
        $expiry = [DateTimeOffset]::UtcNow.AddDays(365)
        $p7m = New-AdeTestServerToken -PublicKeyPem ([IO.File]::ReadAllText($path)) -Expiry $expiry -OutFile (Join-Path $TestDrive 'Fabrikam_Token_smime.p7m')
        $result = Update-AdeToken -Id $token.Id -TokenFile $p7m.FullName -AppleId 'ade-admin@fabrikam.com' -Confirm:$false -WarningAction SilentlyContinue
        $result.TokenId | Should -Be $token.Id
        [math]::Abs(((Get-AdeTokenStatus -Id $token.Id).ExpirationDateTime - $expiry).TotalSeconds) | Should -BeLessThan 1
    }

    It 'refuses an existing key file before creating anything, and overwrites it with -Force' {
        $path = Join-Path $TestDrive 'exists.pem'
        Set-Content -Path $path -Value 'old'
        $before = Get-TokenCount
        Clear-AdeSimRequest -Simulator $sim
        $out = New-AdeToken -Name 'Refused' -KeyPath $path -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OutFileExists,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        Get-TokenCount | Should -Be $before
        (Get-Content $path -Raw).Trim() | Should -Be 'old'

        $token = New-AdeToken -Name 'Forced' -KeyPath $path -Force -Confirm:$false 6>$null
        [IO.File]::ReadAllText($path) | Should -BeExactly (Get-AdeTokenPublicKey -Id $token.Id).Pem
    }

    It 'refuses a folder as -KeyPath, even with -Force' {
        $folder = Join-Path $TestDrive 'a-folder'
        $null = New-Item -ItemType Directory -Path $folder
        $before = Get-TokenCount
        $null = New-AdeToken -Name 'Folder' -KeyPath $folder -Force -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        "$($errs[0])" | Should -Match 'is a folder, not a file'
        $errs[0].TargetObject | Should -Be $folder
        Get-TokenCount | Should -Be $before
    }

    It 'rejects an unknown token type before calling Graph' {
        { New-AdeToken -Name 'X' -TokenType 'apple' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'New-AdeTokenPublicKey' {
    BeforeEach {
        Reset-Tenant
        $script:old = Get-AdeTokenPublicKey -Id $keyOnly
        Clear-AdeSimRequest -Simulator $sim
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $attribute = (Get-Command New-AdeTokenPublicKey).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'generates nothing under -WhatIf' {
        New-AdeTokenPublicKey -Id $keyOnly -OutFile (Join-Path $TestDrive 'whatif.pem') -WhatIf | Should -BeNullOrEmpty
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        Test-Path (Join-Path $TestDrive 'whatif.pem') | Should -BeFalse
        (Get-AdeTokenPublicKey -Id $keyOnly).Thumbprint | Should -Be $old.Thumbprint
    }

    It 'returns and saves a new key, which Intune then serves, and warns about the old server token' {
        $path = Join-Path $TestDrive 'new-key.pem'
        $new = New-AdeTokenPublicKey -Id $keyOnly -OutFile $path -Confirm:$false -WarningVariable warns -WarningAction SilentlyContinue
        $new.GetType().FullName | Should -Be 'AdeTokens.EncryptionPublicKeyInfo'
        $new.TokenId | Should -Be $keyOnly
        $new.Path | Should -Be $path
        $new.Thumbprint | Should -Not -Be $old.Thumbprint
        @(Get-AdeSimPost -Simulator $sim -Action 'generateEncryptionPublicKey').Count | Should -Be 1
        [IO.File]::ReadAllText($path) | Should -BeExactly $new.Pem
        (Get-AdeTokenPublicKey -Id $keyOnly).Thumbprint | Should -Be $new.Thumbprint
        "$warns" | Should -Match 'Update-AdeToken'
    }

    It 'makes a server token for the old key fail the recipient check, and one for the new key pass' {
        $oldFile = New-AdeTestServerToken -PublicKeyPem $old.Pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'old-key.p7m')
        $new = New-AdeTokenPublicKey -Id $keyOnly -Confirm:$false -WarningAction SilentlyContinue
        $null = Update-AdeToken -Id $keyOnly -TokenFile $oldFile.FullName -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenRecipientMismatch,*'
        $newFile = New-AdeTestServerToken -PublicKeyPem $new.Pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'new-key.p7m')
        (Update-AdeToken -Id $keyOnly -TokenFile $newFile.FullName -Confirm:$false -WarningAction SilentlyContinue).TokenId | Should -Be $keyOnly
    }

    It 'takes tokens from the pipeline once each, by the token''s Id or a TokenId' {
        $items = @((Get-AdeTokenStatus -Id $keyOnly), [pscustomobject]@{ TokenId = $keyOnly; Id = 'a-profile-id' })
        $piped = $items | New-AdeTokenPublicKey -Confirm:$false -WarningAction SilentlyContinue
        @($piped).Count | Should -Be 1
        $piped.TokenId | Should -Be $keyOnly
        @(Get-AdeSimPost -Simulator $sim -Action 'generateEncryptionPublicKey').Count | Should -Be 1
    }

    It 'reports an unknown id and refuses an existing file before calling Graph' {
        $null = New-AdeTokenPublicKey -Id 'no-such-token' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-token'

        $path = Join-Path $TestDrive 'taken.pem'
        Set-Content -Path $path -Value 'keep me'
        Clear-AdeSimRequest -Simulator $sim
        $null = New-AdeTokenPublicKey -Id $keyOnly -OutFile $path -Confirm:$false -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'OutFileExists,*'
        @(Get-AdeSimRequest -Simulator $sim).Count | Should -Be 0
        (Get-Content $path -Raw).Trim() | Should -Be 'keep me'
    }
}
