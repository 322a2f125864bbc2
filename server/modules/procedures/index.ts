/** The procedures module's public surface: the only file another module or server/app.ts may import. */
export { catalogueIoRoutes, type CatalogueIoRoutesOptions } from './catalogue-io.routes.ts'
export { seedDemoCatalogueIfEmpty } from './demo-catalogue.ts'
export { createCatalogueImporter, type CatalogueImporter } from './import/catalogue-import.service.ts'
export { procedureRoutes, type ProcedureRoutesOptions } from './procedures.routes.ts'
export { createProcedureService, type ProcedureService } from './procedures.service.ts'
export { templateRoutes, type TemplateRoutesOptions } from './templates.routes.ts'
export { createTemplateService, type TemplateService } from './templates.service.ts'
