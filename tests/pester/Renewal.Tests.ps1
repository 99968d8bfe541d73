BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-renewal.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:renew = 'd3000000-0000-4000-8000-000000000001'
    $script:noAppleId = 'd3000000-0000-4000-8000-000000000002'
    $script:guided = 'd3000000-0000-4000-8000-000000000003'
    $script:keyOnly = 'd3000000-0000-4000-8000-000000000004'
    $script:helpers = Join-Path $PSScriptRoot 'RemediationHelpers.psm1'

    function Reset-Tenant {
        # A fresh scenario also means fresh key pairs, so token files are always made after this.
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-renewal.json'
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Get-AdeTokenPublicKey' {
    BeforeAll { Reset-Tenant }

    It 'returns the key as normalised PEM with the certificate facts' {
        $key = Get-AdeTokenPublicKey -Id $keyOnly
        $key.GetType().FullName | Should -Be 'AdeTokens.EncryptionPublicKeyInfo'
        $key.Pem | Should -Match '^-----BEGIN CERTIFICATE-----\n'
        $key.Pem | Should -Match '-----END CERTIFICATE-----\n$'
        $key.Pem | Should -Not -Match "`r"
        $key.Format | Should -Be 'PemCertificate'
        $key.Subject | Should -Be "CN=Intune DEP $keyOnly"
        $key.NotAfter | Should -BeGreaterThan ([DateTime]::UtcNow)
        $key.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $key.Path | Should -BeNullOrEmpty
        $key.TokenName | Should -Be 'Key Only'
    }

    It 'writes the PEM to -OutFile and prints the next steps and the invalidation warning' {
        $path = Join-Path $TestDrive 'key.pem'
        $key = Get-AdeTokenPublicKey -Id $keyOnly -OutFile $path -InformationVariable info -WarningVariable warns 6>$null -WarningAction SilentlyContinue
        $key.Path | Should -Be $path
        [IO.File]::ReadAllText($path) | Should -BeExactly $key.Pem
        $text = ($info.MessageData.Message) -join "`n"
        $text | Should -Match 'Apple Business Manager'
        $text | Should -Match 'Upload Public Key'
        $text | Should -Match ([regex]::Escape($path))
        $text | Should -Match 'Download Token'
        $text | Should -Match 'Update-AdeToken'
        $warns.Count | Should -Be 1
        $warns[0].Message | Should -Match 'invalidates the token Intune is using'
    }

    It 'resolves a relative -OutFile against the current PowerShell location' {
        Push-Location $TestDrive
        try {
            $null = Get-AdeTokenPublicKey -Id $keyOnly -OutFile 'relative.pem' 6>$null -WarningAction SilentlyContinue
        }
        finally { Pop-Location }
        Join-Path $TestDrive 'relative.pem' | Should -Exist
    }

    It 'refuses to overwrite an existing file without -Force, before calling Graph' {
        $path = Join-Path $TestDrive 'existing.pem'
        Set-Content -Path $path -Value 'keep me' -NoNewline
        Clear-AdeSimRequest -Simulator $sim
        $out = Get-AdeTokenPublicKey -Id $keyOnly -OutFile $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OutFileExists,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].TargetObject | Should -Be $path
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-Content $path -Raw | Should -Be 'keep me'
        @(Get-AdeSimRequest -Simulator $sim).Count | Should -Be 0

        $key = Get-AdeTokenPublicKey -Id $keyOnly -OutFile $path -Force 6>$null -WarningAction SilentlyContinue
        [IO.File]::ReadAllText($path) | Should -BeExactly $key.Pem
    }

    It 'takes the token from the pipeline and reports an unknown id' {
        (Get-AdeTokenStatus -Id $keyOnly | Get-AdeTokenPublicKey).TokenId | Should -Be $keyOnly
        $null = Get-AdeTokenPublicKey -Id 'no-such-token' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-token'
    }
}

Describe 'Update-AdeToken' {
    BeforeEach {
        Reset-Tenant
        $script:pem = (Get-AdeTokenPublicKey -Id $renew).Pem
        $script:before = Get-AdeTokenStatus -Id $renew
        Clear-AdeSimRequest -Simulator $sim
    }

    It 'has ConfirmImpact High' {
        $attribute = (Get-Command Update-AdeToken).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'uploads the server token with the token''s own Apple ID and reports the new expiry' {
        $expiry = [DateTimeOffset]::UtcNow.AddDays(365)
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry $expiry -OutFile (Join-Path $TestDrive 'Contoso_Token_smime.p7m')
        $result = Update-AdeToken -Id $renew -TokenFile $file.FullName -Confirm:$false
        $result.GetType().FullName | Should -Be 'AdeTokens.RenewalResult'
        $result.AppleId | Should -Be 'ade-admin@contoso.com'
        [math]::Abs(($result.ExpirationDateTime - $expiry).TotalSeconds) | Should -BeLessThan 1
        $result.PreviousExpirationDateTime | Should -Be $before.ExpirationDateTime
        $result.DaysUntilExpiry | Should -BeIn 364, 365
        $result.TokenFile | Should -Be $file.FullName
        $result.RecipientCheck | Should -Match "CN=Intune DEP $renew"
        $result.Sync | Should -Be 'NotRequested'
        @(Get-AdeSimPost -Simulator $sim -Action 'uploadDepToken').Count | Should -Be 1
        [math]::Abs(((Get-AdeTokenStatus -Id $renew).ExpirationDateTime - $expiry).TotalSeconds) | Should -BeLessThan 1
    }

    It 'takes the token from the pipeline' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(300)) -OutFile (Join-Path $TestDrive 'piped.p7m')
        (Get-AdeTokenStatus -Id $renew | Update-AdeToken -TokenFile $file.FullName -Confirm:$false).TokenId | Should -Be $renew
    }

    It 'sends nothing under -WhatIf, after the lookups' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'whatif.p7m')
        Update-AdeToken -Id $renew -TokenFile $file.FullName -WhatIf | Should -BeNullOrEmpty
        $log = @(Get-AdeSimRequest -Simulator $sim)
        @($log | Where-Object method -eq 'POST').Count | Should -Be 0
        @($log | Where-Object path -like '*/getEncryptionPublicKey*').Count | Should -Be 1
        (Get-AdeTokenStatus -Id $renew).ExpirationDateTime | Should -Be $before.ExpirationDateTime
    }

    Context 'a file that is not this token''s server token' {
        BeforeAll {
            function New-BadTokenFile {
                param([string] $Kind)
                $path = Join-Path $TestDrive "$Kind.p7m"
                switch ($Kind) {
                    'Missing' { }
                    'Empty' { [IO.File]::WriteAllBytes($path, [byte[]]@()) }
                    'TooLarge' { [IO.File]::WriteAllText($path, ('A' * 70000)) }
                    'PlainText' { [IO.File]::WriteAllText($path, "This is not a server token.`n") }
                    'PublicKeyPem' { [IO.File]::WriteAllText($path, $pem) }
                    'Truncated' {
                        $good = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'good-for-truncation.p7m')
                        $lines = Get-Content $good.FullName
                        [IO.File]::WriteAllLines($path, [string[]]($lines | Select-Object -First ([int]($lines.Count / 2))))
                    }
                    'TamperedHeader' {
                        $good = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'good-for-tamper.p7m')
                        $text = Get-Content $good.FullName -Raw
                        $split = $text.IndexOf("`r`n`r`n")
                        $der = [Convert]::FromBase64String($text.Substring($split + 4))
                        # The content-type OID's last byte: 1.2.840.113549.1.7.3 (enveloped data) becomes ...7.1 (plain data).
                        $oid = [byte[]](0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03)
                        for ($i = 0; $i -lt 16; $i++) {
                            if ([Linq.Enumerable]::SequenceEqual([byte[]]$der[$i..($i + 10)], $oid)) { $der[$i + 10] = 0x01; break }
                        }
                        [IO.File]::WriteAllText($path, $text.Substring(0, $split + 4) + [Convert]::ToBase64String($der, 'InsertLineBreaks') + "`r`n")
                    }
                    'WrongRecipient' {
                        $null = New-AdeTestServerToken -PublicKeyPem (New-AdeTestCertificate) -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile $path
                    }
                }
                $path
            }
        }

        It 'refuses <Kind> with <ErrorId> (<Category>) and sends nothing' -ForEach @(
            @{ Kind = 'Missing'; ErrorId = 'TokenFileNotFound'; Category = 'ObjectNotFound' }
            @{ Kind = 'Empty'; ErrorId = 'TokenFileEmpty'; Category = 'InvalidData' }
            @{ Kind = 'TooLarge'; ErrorId = 'TokenFileTooLarge'; Category = 'LimitsExceeded' }
            @{ Kind = 'PlainText'; ErrorId = 'TokenFileNotSmime'; Category = 'InvalidData' }
            @{ Kind = 'PublicKeyPem'; ErrorId = 'TokenFileNotSmime'; Category = 'InvalidData' }
            @{ Kind = 'Truncated'; ErrorId = 'TokenFileTruncated'; Category = 'InvalidData' }
            @{ Kind = 'TamperedHeader'; ErrorId = 'TokenFileNotEnvelopedData'; Category = 'InvalidData' }
            @{ Kind = 'WrongRecipient'; ErrorId = 'TokenRecipientMismatch'; Category = 'InvalidArgument' }
        ) {
            $path = New-BadTokenFile -Kind $Kind
            Clear-AdeSimRequest -Simulator $sim
            $out = Update-AdeToken -Id $renew -TokenFile $path -Force -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $errs[0].CategoryInfo.Category | Should -Be $Category
            $errs[0].TargetObject | Should -Be $path
            $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
            (Get-AdeTokenStatus -Id $renew).ExpirationDateTime | Should -Be $before.ExpirationDateTime
        }

        It 'passes a file whose encrypted content was tampered with to Intune, which refuses it; nothing changes' {
            $good = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'tampered-body.p7m')
            $text = Get-Content $good.FullName -Raw
            $split = $text.IndexOf("`r`n`r`n")
            $der = [Convert]::FromBase64String($text.Substring($split + 4))
            $der[$der.Length - 20] = $der[$der.Length - 20] -bxor 0xFF
            [IO.File]::WriteAllText($good.FullName, $text.Substring(0, $split + 4) + [Convert]::ToBase64String($der, 'InsertLineBreaks') + "`r`n")
            $null = Update-AdeToken -Id $renew -TokenFile $good.FullName -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'GraphRequestRejected,*'
            $errs[0].TargetObject | Should -Be $renew
            @(Get-AdeSimPost -Simulator $sim -Action 'uploadDepToken').Count | Should -Be 1
            (Get-AdeTokenStatus -Id $renew).ExpirationDateTime | Should -Be $before.ExpirationDateTime
        }
    }

    It 'refuses another Apple ID without -Force, before fetching the key' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'appleid.p7m')
        Clear-AdeSimRequest -Simulator $sim
        $null = Update-AdeToken -Id $renew -TokenFile $file.FullName -AppleId 'someone@fabrikam.com' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AppleIdMismatch,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'someone@fabrikam.com'
        $errs[0].Exception.Message | Should -Match 'ade-admin@contoso\.com'
        $log = @(Get-AdeSimRequest -Simulator $sim)
        @($log | Where-Object method -eq 'POST').Count | Should -Be 0
        @($log | Where-Object path -like '*/getEncryptionPublicKey*').Count | Should -Be 0
    }

    It 'accepts another Apple ID with -Force, with a warning' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'appleid-force.p7m')
        $result = Update-AdeToken -Id $renew -TokenFile $file.FullName -AppleId 'someone@fabrikam.com' -Force -Confirm:$false -WarningVariable warns -WarningAction SilentlyContinue
        $result.AppleId | Should -Be 'someone@fabrikam.com'
        $warns.Count | Should -Be 1
        $warns[0].Message | Should -Match 'not the one that created it'
        (Get-AdeTokenStatus -Id $renew).AppleId | Should -Be 'someone@fabrikam.com'
    }

    It 'asks for an Apple ID when Intune reports none for the token' {
        $file = New-AdeTestServerToken -PublicKeyPem (Get-AdeTokenPublicKey -Id $noAppleId).Pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'noappleid.p7m')
        $null = Update-AdeToken -Id $noAppleId -TokenFile $file.FullName -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AppleIdRequired,*'
        $errs[0].TargetObject | Should -Be $noAppleId
        (Update-AdeToken -Id $noAppleId -TokenFile $file.FullName -AppleId 'new-admin@contoso.com' -Confirm:$false).AppleId | Should -Be 'new-admin@contoso.com'
    }

    It 'reports RenewalNotApplied, "not yet visible", when the expiry did not move forward' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(5)) -OutFile (Join-Path $TestDrive 'older.p7m')
        # 0: read once. The default wait (300 s) is the same loop, covered by the xunit test on a fake clock.
        $out = Update-AdeToken -Id $renew -TokenFile $file.FullName -ExpiryWaitSeconds 0 -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RenewalNotApplied,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].TargetObject | Should -Be $file.FullName
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Download a new server token'
        $errs[0].Exception.Message | Should -Match 'not yet visible'
        $errs[0].Exception.Message | Should -Not -Match 'older server token'
    }

    It 'never writes the file''s content to any stream, verbose and debug included' {
        $file = New-AdeTestServerToken -PublicKeyPem $pem -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'secret.p7m')
        $markers = Get-AdeTestTokenSecretMarker -Path $file.FullName
        $wrong = New-AdeTestServerToken -PublicKeyPem (New-AdeTestCertificate) -Expiry ([DateTimeOffset]::UtcNow.AddDays(365)) -OutFile (Join-Path $TestDrive 'secret-wrong.p7m')
        $markers += Get-AdeTestTokenSecretMarker -Path $wrong.FullName
        $all = & {
            Update-AdeToken -Id $renew -TokenFile $wrong.FullName -Confirm:$false -Verbose -Debug -ErrorAction Continue
            Update-AdeToken -Id $renew -TokenFile $file.FullName -Confirm:$false -Verbose -Debug
        } *>&1 | Out-String -Width 500
        $all | Should -Match 'uploadDepToken' -Because 'the debug stream shows the requests'
        foreach ($m in $markers) { $all | Should -Not -Match ([regex]::Escape($m)) }
        (($Error | Select-Object -First 5 | Out-String -Width 500)) | Should -Not -Match ([regex]::Escape($markers[0]))
    }
}

Describe 'Start-AdeTokenRenewal' {
    BeforeEach {
        Reset-Tenant
        $script:keyPath = Join-Path $TestDrive "guided-$([guid]::NewGuid().ToString('N')).pem"
        $script:tokenPath = Join-Path $TestDrive "guided-$([guid]::NewGuid().ToString('N'))_smime.p7m"
    }

    It 'writes the key, says what to do in ABM, waits for the .p7m, uploads it, syncs and reports' {
        # An old token file at the path must not be uploaded: the command waits for a newer one.
        Set-Content -Path $tokenPath -Value 'last year''s token'
        (Get-Item $tokenPath).LastWriteTimeUtc = [DateTime]::UtcNow.AddHours(-1)
        $expiry = [DateTimeOffset]::UtcNow.AddDays(365)
        $admin = [powershell]::Create()
        $null = $admin.AddScript({
            param($helpers, $keyPath, $tokenPath, $expiry)
            Import-Module $helpers
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path $keyPath) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Start-Sleep -Milliseconds 1500
            New-AdeTestServerToken -PublicKeyPem (Get-Content $keyPath -Raw) -Expiry $expiry -OutFile $tokenPath | Out-Null
        }).AddArgument($helpers).AddArgument($keyPath).AddArgument($tokenPath).AddArgument($expiry)
        $adminHandle = $admin.BeginInvoke()
        try {
            $result = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $tokenPath -PollSeconds 1 -TimeoutMinutes 2 -Confirm:$false `
                -InformationVariable info 6>$null -WarningVariable warns -WarningAction SilentlyContinue
            $null = $admin.EndInvoke($adminHandle)
        }
        finally { $admin.Dispose() }

        $result.GetType().FullName | Should -Be 'AdeTokens.RenewalResult'
        [math]::Abs(($result.ExpirationDateTime - $expiry).TotalSeconds) | Should -BeLessThan 1
        $result.PreviousExpirationDateTime | Should -BeLessThan ([DateTimeOffset]::UtcNow)
        $result.AppleId | Should -Be 'guided-admin@contoso.com'
        $result.Sync | Should -Be 'Succeeded'
        $result.Token.Status | Should -Be 'Healthy'
        $result.Token.LastSyncErrorCode | Should -Be 0
        $result.Finding | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($keyPath) | Should -BeExactly (Get-AdeTokenPublicKey -Id $guided).Pem
        $text = ($info.MessageData.Message) -join "`n"
        $text | Should -Match 'Upload Public Key'
        $text | Should -Match ([regex]::Escape($tokenPath))
        $text | Should -Match 'Renewed'
        ($warns.Message -join "`n") | Should -Match 'invalidates the token Intune is using'
        ($warns.Message -join "`n") | Should -Match 'already exists'
        @(Get-AdeSimPost -Simulator $sim -Action 'uploadDepToken').Count | Should -Be 1
        @(Get-AdeSimPost -Simulator $sim -Action 'syncWithAppleDeviceEnrollmentProgram').Count | Should -Be 1
        (Get-AdeTokenStatus -Id $guided).Status | Should -Be 'Healthy'
    }

    It 'changes nothing under -WhatIf and does not wait' {
        Clear-AdeSimRequest -Simulator $sim
        $sw = [Diagnostics.Stopwatch]::StartNew()
        Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $tokenPath -WhatIf | Should -BeNullOrEmpty
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 5
        $keyPath | Should -Not -Exist
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        @(Get-AdeSimRequest -Simulator $sim).Count | Should -BeGreaterThan 0
    }

    It 'refuses to replace a different key file without -Force' {
        Set-Content -Path $keyPath -Value 'another key' -NoNewline
        $null = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $tokenPath -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OutFileExists,*'
        $errs[0].TargetObject | Should -Be $keyPath
        Get-Content $keyPath -Raw | Should -Be 'another key'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'refuses another Apple ID before the admin goes to ABM' {
        $null = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $tokenPath -AppleId 'other@fabrikam.com' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AppleIdMismatch,*'
        $keyPath | Should -Not -Exist
    }

    It 'refuses the same path for the key and the token' {
        $null = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $keyPath -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenFileSameAsKeyPath,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'stops within a second on Ctrl+C while waiting for the server token, having uploaded nothing' {
        $run = Invoke-AdeInRunspace -Simulator $sim -Token (New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.ReadWrite.All') -Script {
            param($id, $key, $token) Start-AdeTokenRenewal -Id $id -KeyPath $key -TokenFile $token -PollSeconds 1 -Confirm:$false
        } -ArgumentList $guided, $keyPath, $tokenPath
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            # Stopped once the wait has begun (its progress record is out), however long that took on this machine.
            $waiting = { @($run.PowerShell.Streams.Progress | Where-Object Activity -match 'server token').Count }
            while (-not (& $waiting) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 500
            $run.Handle.IsCompleted | Should -BeFalse
            & $waiting | Should -BeGreaterThan 0
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $run.PowerShell.Stop()
            # The async handle is completed on the invocation thread, a moment after Stop() returns.
            $run.Handle.AsyncWaitHandle.WaitOne(1500) | Should -BeTrue
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        }
        finally { $run.PowerShell.Dispose() }
    }
}
