/**
 * The officials' workspace (lazy chunk): registers its translations, provides the session and
 * declares its routes below /office.
 */
import { Route, Routes } from 'react-router-dom'
import { registerNamespace } from '../i18n/index.ts'
import { AgenciesPage } from './agencies/AgenciesPage.tsx'
import { AgencyDetailPage } from './agencies/AgencyDetailPage.tsx'
import { CreateAgencyPage } from './agencies/CreateAgencyPage.tsx'
import { ApiTokensPage } from './api-tokens/ApiTokensPage.tsx'
import { AuditLogPage } from './audit/AuditLogPage.tsx'
import { FailedJobsPage } from './jobs/FailedJobsPage.tsx'
import { ChangePasswordPage } from './account/ChangePasswordPage.tsx'
import { WorkingCalendarPage } from './calendar/WorkingCalendarPage.tsx'
import { SignInPage } from './account/SignInPage.tsx'
import { RequirePermission, RequireSession } from './guards.tsx'
import en from './i18n/en.json'
import vi from './i18n/vi.json'
import { OfficeHomePage } from './OfficeHomePage.tsx'
import { OfficeNotFoundPage } from './OfficeNotFoundPage.tsx'
import { ProcedureDetailPage } from './procedures/ProcedureDetailPage.tsx'
import { CreateProcedurePage, EditProcedureDraftPage, NewProcedureVersionPage } from './procedures/ProcedureEditorPage.tsx'
import { ProcedureImportPage } from './procedures/ProcedureImportPage.tsx'
import { ProceduresPage } from './procedures/ProceduresPage.tsx'
import { OfficeShell } from './shell/OfficeShell.tsx'
import { SessionProvider } from './session.tsx'
import { CreateUnitPage } from './units/CreateUnitPage.tsx'
import { UnitDetailPage } from './units/UnitDetailPage.tsx'
import { UnitsPage } from './units/UnitsPage.tsx'
import { CreateUserPage } from './users/CreateUserPage.tsx'
import { UserDetailPage } from './users/UserDetailPage.tsx'
import { UsersPage } from './users/UsersPage.tsx'

// English must carry every Vietnamese key (checked at compile time).
const english: typeof vi = en
registerNamespace('office', { vi, en: english })

export default function OfficeApp() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route
          element={
            <RequireSession>
              <OfficeShell />
            </RequireSession>
          }
        >
          <Route index element={<OfficeHomePage />} />
          <Route path="password" element={<ChangePasswordPage />} />
          <Route path="units" element={<RequirePermission permission="org.read"><UnitsPage /></RequirePermission>} />
          <Route path="units/new" element={<RequirePermission permission="org.manage"><CreateUnitPage /></RequirePermission>} />
          <Route path="units/:unitId" element={<RequirePermission permission="org.read"><UnitDetailPage /></RequirePermission>} />
          <Route path="agencies" element={<RequirePermission permission="org.read"><AgenciesPage /></RequirePermission>} />
          <Route path="agencies/new" element={<RequirePermission permission="org.manage"><CreateAgencyPage /></RequirePermission>} />
          <Route path="agencies/:agencyId" element={<RequirePermission permission="org.read"><AgencyDetailPage /></RequirePermission>} />
          <Route path="users" element={<RequirePermission permission="user.read"><UsersPage /></RequirePermission>} />
          <Route path="users/new" element={<RequirePermission permission="user.manage"><CreateUserPage /></RequirePermission>} />
          <Route path="users/:userId" element={<RequirePermission permission="user.read"><UserDetailPage /></RequirePermission>} />
          <Route path="api-tokens" element={<RequirePermission permission="token.manage"><ApiTokensPage /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit.read"><AuditLogPage /></RequirePermission>} />
          <Route path="jobs" element={<RequirePermission permission="org.manage"><FailedJobsPage /></RequirePermission>} />
          <Route path="calendar" element={<WorkingCalendarPage />} />
          <Route path="procedures" element={<ProceduresPage />} />
          <Route path="procedures/new" element={<RequirePermission permission="catalogue.manage"><CreateProcedurePage /></RequirePermission>} />
          <Route path="procedures/import" element={<RequirePermission permission="catalogue.manage"><ProcedureImportPage /></RequirePermission>} />
          <Route path="procedures/:id" element={<ProcedureDetailPage />} />
          <Route path="procedures/:id/versions/new" element={<RequirePermission permission="catalogue.manage"><NewProcedureVersionPage /></RequirePermission>} />
          <Route path="procedures/:id/versions/:version/edit" element={<RequirePermission permission="catalogue.manage"><EditProcedureDraftPage /></RequirePermission>} />
          <Route path="*" element={<OfficeNotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  )
}
