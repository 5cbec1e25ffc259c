export default {
  routes: [
    {
      method: 'GET',
      path: '/floor',
      handler: 'floor.constant',
    },
  ],
};
