/** Former home of the department use cases, kept so existing imports keep working; import the verb-noun modules instead. */
export { createDepartment, type CreateDepartmentOptions } from './create-department.js';
export { renameDepartment, type RenameDepartmentOptions } from './rename-department.js';
export { deleteDepartment, type DeleteDepartmentOptions } from './delete-department.js';
export { listDepartments, getDepartment, type DepartmentView } from './read-departments.js';
