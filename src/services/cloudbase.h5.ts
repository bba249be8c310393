/**
 * The one CloudBase web app of a production H5 build (`@cloudbase/js-sdk`), loaded on
 * first use. Local builds never load it: the `if` on the build constant folds it away.
 */
export interface CloudbaseWebApp {
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>;
  uploadFile(options: { cloudPath: string; filePath: File }): Promise<{ fileID: string }>;
  auth(): {
    signInWithPassword(params: {
      username: string;
      password: string;
    }): Promise<{ data?: unknown; error?: { message?: string; code?: string } | null }>;
    signOut(): Promise<unknown>;
    getCurrentUser(): Promise<unknown | null>;
  };
}

let app: Promise<CloudbaseWebApp> | null = null;

export function cloudbaseApp(): Promise<CloudbaseWebApp> {
  if (CLOUD_MODE !== 'production') return Promise.reject(new Error('CloudBase is not used in local mode'));
  app ??= import('@cloudbase/js-sdk').then((m) => {
    const cloudbase = m.default ?? m;
    return cloudbase.init({ env: CLOUDBASE_ENV_ID }) as unknown as CloudbaseWebApp;
  });
  return app;
}
